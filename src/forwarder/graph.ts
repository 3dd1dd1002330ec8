/**
 * VPP's graph node names, as the trace prints them across releases, and the building of an
 * expected hop. A name that changed between releases (tapcli-rx → virtio-input, nat44-* →
 * nat44-ei-* in 21.06) is matched by a pattern; the hop names the guide's form.
 */
import type { ExpectedHop, HopExpectation } from "../model/expectation.js";
import type { InterfaceKind, VppInterface } from "../vpp/types.js";

const exactPatterns = new Map<string, string>();

/** The pattern of exactly this node name; names are few, hops are built per packet. */
export function exact(name: string): string {
  let pattern = exactPatterns.get(name);
  if (pattern === undefined) exactPatterns.set(name, (pattern = `^${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`));
  return pattern;
}

/** Device input nodes by interface kind: TAPv2 (virtio-input), TAPv1 before 19.04
 *  (tapcli-rx); the NIC drivers. */
export const DEVICE_INPUT: Partial<Record<InterfaceKind, { node: string; pattern: string }>> = {
  tap: { node: "virtio-input", pattern: "^(?:virtio-input|tapcli-rx)$" },
  ethernet: { node: "dpdk-input", pattern: "^(?:dpdk|af-packet|af_packet|af_xdp|avf|rdma|vmxnet3|memif)-input$" },
  "af-packet": { node: "af-packet-input", pattern: "^af(?:-|_)packet-input$" },
};

export const NODE = {
  ip4Input: { node: "ip4-input", pattern: "^ip4-input(?:-no-checksum)?$" },
  // NAT44 nodes: `nat44-*` (EI, and ED before 18.10), `nat44-ei-*` since 21.06, `nat44-ed-*`.
  out2in: { node: "nat44-out2in", pattern: "^nat44-(?:ei-|ed-)?out2in$" },
  out2inSlow: { node: "nat44-out2in-slowpath", pattern: "^nat44-(?:ei-|ed-)?out2in-slowpath$" },
  in2out: { node: "nat44-in2out", pattern: "^nat44-(?:ei-|ed-)?in2out$" },
  in2outSlow: { node: "nat44-in2out-slowpath", pattern: "^nat44-(?:ei-|ed-)?in2out-slowpath$" },
  in2outOutput: { node: "nat44-in2out-output", pattern: "^nat44-(?:ei-|ed-)?in2out-output$" },
  in2outOutputSlow: { node: "nat44-in2out-output-slowpath", pattern: "^nat44-(?:ei-|ed-)?in2out-output-slowpath$" },
  classify: { node: "nat44-classify", pattern: "^nat44-(?:ei-|ed-)?classify$" },
  /** The NAT node of an interface whose inside role is not known: out2in, or in2out. */
  out2inOrIn2out: { node: "nat44-out2in", pattern: "^nat44-(?:ei-|ed-)?(?:out2in|in2out)$" },
  /** The slow path of either. */
  eitherSlow: { node: "nat44-in2out-slowpath", pattern: "^nat44-(?:ei-|ed-)?(?:out2in|in2out)-slowpath$" },
  /** After vxlan4-encap the tunnel's load-balance object routes the outer packet. */
  outerRoute: { node: "ip4-load-balance", pattern: "^ip4-(?:load-balance|lookup)$" },
  errorDrop: { node: "error-drop", pattern: "^(?:error-drop|drop)$" },
} as const;

export function hop(node: string, at: string, why: string[], expect: HopExpectation = {}, options: { optional?: boolean; pattern?: string } = {}): ExpectedHop {
  return { node, pattern: options.pattern ?? exact(node), optional: options.optional ?? false, at, expect, why };
}

/** An interface's name for people: VPP's when known, else its kind (`tap*`, `<NIC>`). */
export const displayName = (iface: VppInterface): string => iface.name ?? (iface.kind === "ethernet" ? "<NIC>" : iface.namePattern.replace(/\\d\+/g, "*"));

/** `tap2 (pod client 10.1.1.3)`: where a hop is, as the expectation prints it. */
export const where = (iface: VppInterface): string => `${displayName(iface)} (${iface.description})`;

/** `<if>-output` / `<if>-tx` of an interface, named by the interface when known. Any
 *  interface's output node fills the place: which interface it is, is the egress rule's
 *  to judge (one finding for a packet sent out of the wrong interface, not two). */
export function interfaceNode(iface: VppInterface, suffix: "output" | "tx"): { node: string; pattern: string } {
  return { node: `${displayName(iface)}-${suffix}`, pattern: `^\\S+-${suffix}$` };
}
