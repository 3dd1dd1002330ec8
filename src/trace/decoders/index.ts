/**
 * The decoder table: exact node names first, then name patterns in this order, then the
 * generic fallback. Adding a node family means adding one file and one line here.
 */
import { aclDecoder } from "./acl.js";
import { arpDecoder } from "./arp.js";
import { reassemblyDecoder } from "./reassembly.js";
import { dropDecoder } from "./drop.js";
import { ethernetDecoder } from "./ethernet.js";
import { genericDecoder } from "./generic.js";
import { handoffDecoder } from "./handoff.js";
import { inputDecoder } from "./input.js";
import { interfaceDecoder } from "./interface.js";
import { ip4Decoder } from "./ip4.js";
import { ip4RewriteDecoder, ip6RewriteDecoder } from "./ip4-rewrite.js";
import { ip6Decoder } from "./ip6.js";
import { l2Decoder } from "./l2.js";
import { nat44Decoder } from "./nat44.js";
import { natClassifyDecoder, natPreDecoder } from "./nat-steering.js";
import type { NodeDecoder } from "./types.js";
import { udpLookupDecoder } from "./udp.js";
import { vxlanDecoder } from "./vxlan.js";

export const decoders: NodeDecoder[] = [
  inputDecoder,
  ethernetDecoder,
  ip4RewriteDecoder,
  ip6RewriteDecoder,
  udpLookupDecoder,
  vxlanDecoder,
  dropDecoder,
  aclDecoder,
  // Before nat44: `nat44-in2out-worker-handoff` is a hand-off, not a translation.
  handoffDecoder,
  natClassifyDecoder,
  natPreDecoder,
  nat44Decoder,
  l2Decoder,
  arpDecoder,
  // Before ip4: `ip4-sv-reassembly-feature` is no IPv4 header print.
  reassemblyDecoder,
  ip4Decoder,
  ip6Decoder,
  interfaceDecoder,
  genericDecoder,
];

const byName = new Map<string, NodeDecoder>();
for (const d of decoders) for (const name of d.names ?? []) byName.set(name, d);

/** Decoders found by pattern, per node name: a trace names few nodes, many times each.
 *  Bounded, since nothing bounds the node names of a malformed input. */
const byPattern = new Map<string, NodeDecoder>();

export function decoderFor(node: string): NodeDecoder {
  const known = byName.get(node) ?? byPattern.get(node);
  if (known !== undefined) return known;
  const found = decoders.find((d) => d.pattern !== undefined && d.pattern.test(node)) ?? genericDecoder;
  if (byPattern.size >= 4096) byPattern.clear();
  byPattern.set(node, found);
  return found;
}

export { DEVICE_INPUT_NODES } from "./input.js";
export type { NodeDecoder } from "./types.js";
