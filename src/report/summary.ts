/**
 * One-line views of a record's key fields, shared by the text reporters: the interface it
 * concerns, the packet as src:port → dst:port, the TTL, ACL and NAT verdicts.
 */
import type { NodeRecord } from "../model/trace.js";

export function recordInterface(r: NodeRecord): string {
  const f = r.fields;
  if (f.output) return f.output.interface;
  if (f.rewrite?.interface) return f.rewrite.interface;
  if (f.input?.interface) return f.input.interface;
  if (f.input?.hwIfIndex !== undefined) return `hw_if_index ${f.input.hwIfIndex}`;
  if (f.acl?.swIfIndex !== undefined) return `sw_if_index ${f.acl.swIfIndex}`;
  if (f.nat) return `sw_if_index ${f.nat.swIfIndex}`;
  if (f.vxlan?.tunnel !== undefined) return `vxlan_tunnel${f.vxlan.tunnel}`;
  if (f.l2?.swIfIndex !== undefined) return `sw_if_index ${f.l2.swIfIndex}`;
  return "";
}

export function recordFlow(r: NodeRecord): string {
  const { ip4, ip6, l4, hexdump, acl, ether } = r.fields;
  const ip = ip4 ?? ip6;
  if (ip) {
    const ports = l4?.srcPort !== undefined ? [`:${l4.srcPort}`, `:${l4.dstPort}`] : ["", ""];
    return `${ip.proto} ${ip.src}${ports[0]} → ${ip.dst}${ports[1]}`;
  }
  if (hexdump?.ip4) {
    const h = hexdump.ip4;
    const ports = h.srcPort !== undefined ? [`:${h.srcPort}`, `:${h.dstPort}`] : ["", ""];
    return `proto ${h.protocol} ${h.src}${ports[0]} → ${h.dst}${ports[1]}`;
  }
  if (hexdump?.ip6) return `proto ${hexdump.ip6.nextHeader} ${hexdump.ip6.src} → ${hexdump.ip6.dst}`;
  if (acl?.tuple) return `proto ${acl.tuple.proto} ${acl.tuple.src}:${acl.tuple.srcPort} → ${acl.tuple.dst}:${acl.tuple.dstPort}`;
  if (ether) return `${ether.type} ${ether.src} → ${ether.dst}`;
  return "";
}

export function recordTtl(r: NodeRecord): string {
  const ttl = r.fields.ip4?.ttl ?? r.fields.hexdump?.ip4?.ttl ?? r.fields.ip6?.hopLimit ?? r.fields.hexdump?.ip6?.hopLimit;
  return ttl === undefined ? "" : String(ttl);
}

export function recordVerdict(r: NodeRecord): string {
  const { acl, nat, drop, vxlan } = r.fields;
  if (acl?.action !== undefined) return `acl ${acl.acl} rule ${acl.rule} action ${acl.action}`;
  if (nat) return nat.session === undefined ? `${nat.kind}` : `session ${nat.session}`;
  if (drop) return [drop.node, drop.reason].filter(Boolean).join(": ");
  if (vxlan) return `${vxlan.direction} vni ${vxlan.vni}`;
  return "";
}
