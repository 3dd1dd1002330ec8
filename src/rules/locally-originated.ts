/**
 * VPP does not decrement the TTL of packets it originates itself (ip4-rewrite skips
 * buffers flagged VNET_BUFFER_F_LOCALLY_ORIGINATED: ping replies, ICMP errors, ARP…).
 * A trace shows this as a flow first printed after the packet was delivered locally
 * (ip4-local, ip4-receive, ip4-icmp-*) without re-entering through ip4-input — unlike a
 * VXLAN-decapsulated inner packet, which comes back through ip4-input and is forwarded —
 * or as a tx buffer carrying the `local` flag.
 */
import type { Packet } from "../model/trace.js";
import { flowKey, type HeaderView } from "../trace/headers.js";

const LOCAL_DELIVERY = /^ip[46]-(?:local|receive|icmp-)/;

export function locallyOriginatedFlows(packet: Packet, views: HeaderView[]): Set<string> {
  const local = new Set<string>();
  if (packet.records.some((r) => r.fields.buffer?.flags.includes("local"))) {
    for (const v of views) local.add(flowKey(v));
    return local;
  }
  // Most packets are never delivered locally: then no flow of theirs is VPP's own.
  if (!packet.records.some((r) => LOCAL_DELIVERY.test(r.node))) return local;
  const firstSeen = new Map<string, number>();
  for (const v of views) {
    const key = flowKey(v);
    if (!firstSeen.has(key)) firstSeen.set(key, v.position);
  }
  let deliveredAt = -1;
  packet.records.forEach((record, position) => {
    if (LOCAL_DELIVERY.test(record.node)) deliveredAt = deliveredAt === -1 ? position : deliveredAt;
    else if (record.node === "ip4-input" || record.node === "ip4-input-no-checksum") deliveredAt = -1;
    for (const [key, at] of firstSeen) if (at === position && deliveredAt !== -1 && deliveredAt < position) local.add(key);
  });
  return local;
}
