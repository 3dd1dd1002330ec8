/**
 * A node's state dump rendered into the VPP model (src/vpp): interfaces, FIB, neighbours,
 * bridge domains, NAT44, ACLs, with the release the dump's `show version` names. Every
 * object's `why` cites the `show` command and `file:line` it came from. What a command
 * does not print is left out of the model, and what the model cannot hold is said (a note
 * or warning), never guessed.
 */
import { parseShowDump, type ShowLine } from "../../../grammar/show/index.js";
import type { VppInterface, VppNode } from "../../vpp/types.js";
import { renderBridgeDomains, renderFib, renderNeighbours } from "./forwarding.js";
import { renderInterfaces } from "./interfaces.js";
import { renderAcls, renderNat } from "./policy.js";
import { Sections, type StateDiagnostic } from "./sections.js";

export interface NodeState {
  node: VppNode;
  /** The `show trace` section's lines, when the file is a capture file (trace + state). */
  trace?: ShowLine[];
  /** Lines before the first prompt: in a capture file, a trace without its prompt line. */
  preamble: ShowLine[];
  diagnostics: StateDiagnostic[];
  /** The dump holds none of the commands that make a state (only a trace, or nothing). */
  empty: boolean;
}

const STATE_COMMANDS = ["interface", "interface-address", "ip-fib"] as const;

/** What an interface connects, as far as the state tells: the hosts its /32 routes go to,
 *  its bridge domain, its tunnel, its addresses. */
function describe(iface: VppInterface, node: VppNode): string {
  if (iface.vxlan !== undefined) return `VXLAN to ${iface.vxlan.dst} VNI ${iface.vxlan.vni}`;
  if (iface.bridgeDomain?.bvi) return `BVI of bridge domain ${iface.bridgeDomain.id}${iface.addresses.length > 0 ? ` ${iface.addresses.join(" ")}` : ""}`;
  const hosts = node.fib.filter((e) => e.prefix.endsWith("/32") && e.path.kind === "via" && e.path.interface === iface.key && e.path.via === e.prefix.slice(0, -3)).map((e) => e.path.kind === "via" ? e.path.via : "");
  const neighbours = node.neighbours.filter((n) => n.interface === iface.key).map((n) => n.ip);
  const reached = [...new Set([...hosts, ...neighbours])];
  if (reached.length > 0) return `link to ${reached.slice(0, 3).join(", ")}${reached.length > 3 ? ", …" : ""}`;
  if (iface.addresses.length > 0) return iface.addresses.join(" ");
  return iface.kind;
}

export function renderNode(name: string, file: string, text: string): NodeState {
  const dump = parseShowDump(text);
  const s = new Sections(file, dump, dump.diagnostics.map((d) => ({ ...d })));
  const interfaces = renderInterfaces(s);
  const node: VppNode = {
    name,
    interfaces: [],
    fib: renderFib(s, interfaces),
    neighbours: renderNeighbours(s, interfaces),
    bridgeDomains: renderBridgeDomains(s, interfaces),
    nat44: renderNat(s, interfaces),
  };
  const release = s.first("version")?.release;
  if (release !== undefined) node.release = release;
  renderAcls(s, interfaces);
  node.interfaces = [...interfaces.values()];
  for (const iface of node.interfaces) iface.description = describe(iface, node);
  const trace = s.first("trace")?.body;
  const state: NodeState = { node, preamble: dump.preamble, diagnostics: s.diagnostics, empty: !STATE_COMMANDS.some((c) => s.has(c)) };
  if (trace !== undefined) state.trace = trace;
  return state;
}
