/**
 * The IPv4 headers a packet's trace shows, in order: every IPv4 summary a node printed and
 * every header decoded from an ip4-rewrite hex dump. Rules compare consecutive views of the
 * same flow (src, dst, IP id) — the inner and the VXLAN outer header are different flows.
 */
import { ip4ToNumber } from "../model/ip4.js";
import type { FieldName, NodeRecord, Packet } from "../model/trace.js";

export interface HeaderView {
  record: NodeRecord;
  /** Position of the record in the packet. */
  position: number;
  source: "print" | "hexdump";
  src: string;
  dst: string;
  proto: number;
  ttl?: number;
  tos?: number;
  length?: number;
  checksum?: number;
  fragmentId?: number;
  /** Flags and fragment offset as the 16-bit header field, when known. */
  flagsOffset?: number;
  srcPort?: number;
  dstPort?: number;
  /** VPP flagged the printed checksum as wrong: ` (should be 0x…)`. */
  checksumShouldBe?: number;
  /** The header line numbers may differ from the record's (hex dump, header block). */
  line: number;
  /** The header as ip4-rewrite left it: TTL lowered, checksum updated, L2 prepended. */
  rewritten: boolean;
}

const PROTOCOLS: Record<string, number> = {
  ICMP: 1, IGMP: 2, IP_IN_IP: 4, TCP: 6, UDP: 17, IPV6: 41, IP6_HOP_BY_HOP_OPTIONS: 0, GRE: 47, ESP: 50, AH: 51, ICMP6: 58, SCTP: 132,
  IPV6_ROUTE: 43, IPV6_FRAGMENTATION_HEADER: 44, IPV6_NONXT: 59, IPV6_DESTINATION_OPTIONS: 60,
};

export function protocolNumber(name: string): number | undefined {
  if (name in PROTOCOLS) return PROTOCOLS[name];
  const unknown = /^unknown (\d+)$/.exec(name);
  return unknown ? Number(unknown[1]) : undefined;
}

/** `flags DONT_FRAGMENT` / `MORE_FRAGMENTS` (glued when both) and ` offset N` (bytes). */
export function flagsOffsetField(flags: string | undefined, offsetBytes: number | undefined): number {
  let value = 0;
  if (flags?.includes("DONT_FRAGMENT")) value |= 0x4000;
  if (flags?.includes("MORE_FRAGMENTS")) value |= 0x2000;
  return value | ((offsetBytes ?? 0) >> 3);
}

/** The record fields header views are made of. */
export const VIEW_FIELDS: readonly FieldName[] = ["ip4", "l4", "hexdump"];

export function headerViews(packet: Packet): HeaderView[] {
  const views: HeaderView[] = [];
  packet.records.forEach((record, position) => {
    const { ip4, l4, hexdump } = record.fields;
    if (ip4 !== undefined) {
      const proto = protocolNumber(ip4.proto);
      if (proto !== undefined) {
        views.push({
          record, position, source: "print", src: ip4.src, dst: ip4.dst, proto,
          ttl: ip4.ttl, tos: ip4.tos, length: ip4.length, checksum: ip4.checksum, fragmentId: ip4.fragmentId,
          flagsOffset: ip4.fragmentId === undefined ? undefined : flagsOffsetField(ip4.flags, ip4.fragmentOffset),
          srcPort: l4?.proto === "TCP" || l4?.proto === "UDP" ? l4.srcPort : undefined,
          dstPort: l4?.proto === "TCP" || l4?.proto === "UDP" ? l4.dstPort : undefined,
          checksumShouldBe: ip4.checksumShouldBe,
          line: ip4.line,
          rewritten: false,
        });
      }
    }
    if (hexdump?.ip4 !== undefined) {
      const h = hexdump.ip4;
      views.push({
        record, position, source: "hexdump", src: h.src, dst: h.dst, proto: h.protocol, ttl: h.ttl, tos: h.tos, length: h.length,
        checksum: h.checksum, fragmentId: h.fragmentId, flagsOffset: h.flagsOffset, srcPort: h.srcPort, dstPort: h.dstPort,
        checksumShouldBe: undefined, // the same shape as a print's view, for V8
        line: hexdump.line,
        rewritten: record.kind === "ip4-rewrite",
      });
    }
  });
  return views;
}

/** An IPv6 header a record printed, or an ip6-rewrite dump carried. The IPv4 invariants read
 *  headerViews only; `--filter` reads both (IPv6 is not checked against a model). */
export interface Ip6View {
  record: NodeRecord;
  position: number;
  source: "print" | "hexdump";
  src: string;
  dst: string;
  /** The next header as a number (`ICMP6` 58, `IP6_HOP_BY_HOP_OPTIONS` 0). */
  proto?: number;
  hopLimit?: number;
  payloadLength?: number;
  srcPort?: number;
  dstPort?: number;
  line: number;
}

export function ip6HeaderViews(packet: Packet): Ip6View[] {
  const views: Ip6View[] = [];
  packet.records.forEach((record, position) => {
    const { ip6, l4, hexdump } = record.fields;
    if (ip6 !== undefined) {
      const ported = l4?.proto === "TCP" || l4?.proto === "UDP";
      views.push({
        record, position, source: "print", src: ip6.src, dst: ip6.dst, proto: protocolNumber(ip6.proto), hopLimit: ip6.hopLimit,
        payloadLength: ip6.payloadLength, srcPort: ported ? l4.srcPort : undefined, dstPort: ported ? l4.dstPort : undefined, line: ip6.line,
      });
    }
    const dumped = hexdump?.ip6;
    if (dumped !== undefined) {
      views.push({
        record, position, source: "hexdump", src: dumped.src, dst: dumped.dst, proto: dumped.nextHeader, hopLimit: dumped.hopLimit,
        payloadLength: dumped.payloadLength, srcPort: dumped.srcPort, dstPort: dumped.dstPort, line: hexdump!.line,
      });
    }
  });
  return views;
}

/** One flow as far as forwarding is concerned: addresses and IP id stay while TTL changes. */
export const flowKey = (v: HeaderView): string => `${v.src}>${v.dst}#${v.fragmentId ?? "?"}`;

export const describeFlow = (v: HeaderView): string =>
  `${v.src}${v.srcPort === undefined ? "" : `:${v.srcPort}`} -> ${v.dst}${v.dstPort === undefined ? "" : `:${v.dstPort}`}`;

/** RFC 1071 checksum of a 20-byte IPv4 header given as ten 16-bit words (checksum word 0). */
export function ip4HeaderChecksum(v: Required<Pick<HeaderView, "tos" | "length" | "fragmentId" | "flagsOffset" | "ttl" | "proto" | "src" | "dst">>): number {
  const src = ip4ToNumber(v.src);
  const dst = ip4ToNumber(v.dst);
  const words = [0x4500 | v.tos, v.length, v.fragmentId, v.flagsOffset, (v.ttl << 8) | v.proto, 0, src >>> 16, src & 0xffff, dst >>> 16, dst & 0xffff];
  let sum = 0;
  for (const w of words) sum += w;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m') for one 16-bit word changing from m to m'. */
export function incrementalChecksum(old: number, oldWord: number, newWord: number): number {
  let sum = (~old & 0xffff) + (~oldWord & 0xffff) + newWord;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export const hex4 = (n: number): string => `0x${n.toString(16).padStart(4, "0")}`;
