/**
 * The feature nodes the walk of a state's arcs knows (arc-walk.ts), by the name
 * `show interface features` lists them: what each does to the packet, as VPP 21.x–26.x does
 * it, with the configuration behind it. A node not in FEATURES leaves the packet unchecked.
 */
import { edClassify, edIn2out, edIn2outOutput, edOut2in } from "../vpp/nat44-ed.js";
import type { VppInterface, VppNode } from "../vpp/types.js";
import type { ArcWalker, Step } from "./arc-walk.js";
import { hop, where } from "./graph.js";
import type { WalkPacket } from "./walk.js";

type Feature = (w: ArcWalker, node: VppNode, iface: VppInterface, p: WalkPacket) => Step;

const stage = (node: VppNode, iface: VppInterface, side: string): string => `${node.name} ${iface.key} ${side}`;
const pass = (name: string, why: (iface: VppInterface) => string, optional = false): Feature => (w, _node, iface, p) => {
  w.push(hop(name, where(iface), [why(iface)], {}, { optional }));
  return { go: p };
};

/** NAT44-ED's input side on an interface: classify (inside and outside) or one direction. */
function natInput(direction: "classify" | "in2out" | "out2in"): Feature {
  return (w, node, iface, p) => {
    const config = node.nat44;
    const role = iface.nat44?.why ?? `${iface.name}'s NAT role`;
    let next: "in2out" | "out2in" = direction === "classify" ? "in2out" : direction;
    if (direction === "classify") {
      const c = edClassify(config, w.state.nat, node.name, p);
      next = c.next;
      w.push(hop("nat44-ed-classify", where(iface), [role, c.why], {}, { pattern: "^nat44-(?:ed-)?classify$" }));
    }
    const d = next === "out2in" ? edOut2in(config, w.state.nat, node.name, p, w.choices) : edIn2out(config, w.state.nat, node.name, p, w.egressOf(node, p.dst), w.choices);
    return w.natHops(node, iface, [`nat44-ed-${next}`, `nat44-ed-${next}-slowpath`], stage(node, iface, "input"), [role], d, p);
  };
}

const natOutput: Feature = (w, node, iface, p) => {
  w.push(hop("nat-pre-in2out-output", where(iface), [iface.nat44?.why ?? "NAT output feature"], {}, { optional: true }));
  const d = edIn2outOutput(node.nat44, w.state.nat, node.name, p, iface, w.choices);
  return w.natHops(node, iface, ["nat44-ed-in2out-output", "nat44-ed-in2out-output-slowpath"], stage(node, iface, "output"), [iface.nat44?.why ?? "NAT output feature"], d, p);
};

/** The feature nodes the walk knows, by the name `show interface features` lists. */
export const FEATURES: Record<string, Feature> = {
  "acl-plugin-in-ip4-fa": (w, node, iface, p) => w.aclHop(node, iface, "input", "acl-plugin-in-ip4-fa", p),
  "acl-plugin-out-ip4-fa": (w, node, iface, p) => w.aclHop(node, iface, "output", "acl-plugin-out-ip4-fa", p),
  "acl-plugin-in-ip4-l2": (w, node, iface, p) => w.aclHop(node, iface, "input", "acl-plugin-in-ip4-l2", p),
  "acl-plugin-out-ip4-l2": (w, node, iface, p) => w.aclHop(node, iface, "output", "acl-plugin-out-ip4-l2", p),
  "ip4-sv-reassembly-feature": pass("ip4-sv-reassembly-feature", (i) => `shallow virtual reassembly for NAT on ${i.name}: a packet that is no fragment passes`),
  "ip4-sv-reassembly-output-feature": pass("ip4-sv-reassembly-output-feature", (i) => `shallow virtual reassembly for NAT's output feature on ${i.name}`),
  "nat44-ed-classify": natInput("classify"),
  "nat44-ed-in2out": natInput("in2out"),
  "nat44-ed-out2in": natInput("out2in"),
  "nat-pre-out2in": (w, node, iface, p) => {
    w.push(hop("nat-pre-out2in", where(iface), [iface.nat44?.why ?? "NAT outside"], {}, { optional: true }));
    return natInput("out2in")(w, node, iface, p);
  },
  "nat-pre-in2out": (w, node, iface, p) => {
    w.push(hop("nat-pre-in2out", where(iface), [iface.nat44?.why ?? "NAT inside"], {}, { optional: true }));
    return natInput("in2out")(w, node, iface, p);
  },
  "nat-pre-in2out-output": natOutput,
  "nat44-ed-in2out-output": natOutput,
  "ip4-not-enabled": (w, node, iface) => ({ end: w.dropped(node, where(iface), `ip4-not-enabled: IPv4 is not enabled on ${iface.name} (it has no IPv4 address)`) }),
};
