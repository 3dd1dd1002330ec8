/**
 * What a packet's records show, as a filter reads it: every IPv4 and IPv6 header any record
 * printed or carried in a hex dump (so an address before NAT and after it both count), the ACL
 * plugin's 5-tuples, the TCP flags printed, node names and threads. Computed once per
 * packet, only when a filter asks.
 */
import type { AclTuple, NodeRecord, Packet } from "../model/trace.js";
import { headerViews, ip6HeaderViews } from "../trace/headers.js";

/** One header seen: addresses (IPv6 ones as VPP writes them), protocol number, ports when
 *  the protocol has them. */
export interface Endpoints {
  src: string;
  dst: string;
  proto: number | undefined;
  srcPort?: number;
  dstPort?: number;
}

export interface PacketFacts {
  headers: Endpoints[];
  /** TCP flag names printed (`SYN`, `ACK`…), upper case, and ACL tuples' flag bits. */
  tcpFlags: Set<string>;
  nodes: string[];
  threads: Set<number>;
  records: NodeRecord[];
}

/** TCP flag bits as VPP's `tcp flags (valid) 12` prints them. */
export const TCP_FLAG_BITS: Record<string, number> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80 };

function aclEndpoints(tuple: AclTuple | undefined): Endpoints[] {
  if (tuple === undefined) return [];
  const ported = tuple.proto === 6 || tuple.proto === 17;
  return [{ src: tuple.src, dst: tuple.dst, proto: tuple.proto, srcPort: ported ? tuple.srcPort : undefined, dstPort: ported ? tuple.dstPort : undefined }];
}

function flagsOf(records: NodeRecord[]): Set<string> {
  const flags = new Set<string>();
  const addBits = (bits: number): void => {
    for (const [name, bit] of Object.entries(TCP_FLAG_BITS)) if ((bits & bit) !== 0) flags.add(name);
  };
  for (const { fields } of records) {
    for (const l4 of [fields.l4, ...(fields.headers ?? []).map((h) => h.l4)]) {
      if (l4?.proto !== "TCP") continue;
      if (l4.tcpFlagNames !== undefined) for (const name of l4.tcpFlagNames) flags.add(name.toUpperCase());
      else if (l4.tcpFlags !== undefined) addBits(l4.tcpFlags);
    }
    const tuple = fields.acl?.tuple;
    if (tuple?.proto === 6 && tuple.tcpFlags !== undefined && tuple.tcpFlagsValid !== false) addBits(tuple.tcpFlags);
  }
  return flags;
}

export function packetFacts(packet: Packet): PacketFacts {
  const headers: Endpoints[] = headerViews(packet).map(({ src, dst, proto, srcPort, dstPort }) => ({ src, dst, proto, srcPort, dstPort }));
  for (const { src, dst, proto, srcPort, dstPort } of ip6HeaderViews(packet)) headers.push({ src, dst, proto, srcPort, dstPort });
  for (const { fields } of packet.records) headers.push(...aclEndpoints(fields.acl?.tuple));
  const threads = new Set<number>();
  if (packet.thread !== null) threads.add(packet.thread.index);
  for (const r of packet.records) if (r.thread !== undefined) threads.add(r.thread.index);
  return { headers, tcpFlags: flagsOf(packet.records), nodes: packet.records.map((r) => r.node), threads, records: packet.records };
}
