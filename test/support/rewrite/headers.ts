/**
 * One IPv4 header (and its TCP/UDP header), wherever the trace shows it — a printed summary
 * or the bytes of a hex dump — rewritten the same way: addresses, ports, TTL and TCP flags
 * through the spec, then the checksums brought along.
 *  - IPv4: RFC 1624 incremental update for every changed 16-bit word; where all fields are
 *    known and the old checksum was right, the result must equal a full recomputation
 *    (`ip4HeaderChecksum`, the one the ip4-checksum rule uses) or the rewriter throws.
 *    A checksum VPP flagged ` (should be 0x…)` is updated the same way, so it stays as wrong
 *    as it was, and the `should be` value is recomputed (or updated) for the new header.
 *  - TCP/UDP: incremental over the pseudo-header addresses, the ports and (TCP) the word
 *    holding the flags; a UDP checksum of 0 (none, as on VXLAN's outer header) stays 0.
 */
import { incrementalChecksum, ip4HeaderChecksum } from "../../../src/trace/headers.js";
import { ip4ToNumber } from "../../../src/model/ip4.js";
import type { HeaderSite, Resolved } from "./spec.js";

export interface Ip4Values {
  src: string;
  dst: string;
  proto: number;
  ttl?: number;
  tos?: number;
  length?: number;
  fragmentId?: number;
  flagsOffset?: number;
  checksum?: number;
  shouldBe?: number;
  /** IPv4 options present (header longer than 20 bytes): no full recomputation. */
  options?: boolean;
}

export interface L4Values {
  srcPort?: number;
  dstPort?: number;
  tcpFlags?: number;
  /** TCP byte 12 (data offset and reserved bits), the high byte of the flags word. */
  tcpByte12?: number;
  checksum?: number;
}

/** Where the header is shown, without its values (those come from the header itself). */
export type SiteBase = Pick<HeaderSite, "source" | "record" | "packet">;

const words = (ip: string): [number, number] => {
  const n = ip4ToNumber(ip);
  return [n >>> 16, n & 0xffff];
};

function update(checksum: number, changes: [number, number][]): number {
  let c = checksum;
  for (const [from, to] of changes) if (from !== to) c = incrementalChecksum(c, from, to);
  return c;
}

export function siteOf(r: Resolved, base: SiteBase, ip: Ip4Values, l4: L4Values | undefined): HeaderSite {
  const outer = ip.proto === 17 && (r.isVxlanPort(l4?.dstPort) || r.isVxlanPort(l4?.srcPort));
  return { ...base, src: ip.src, dst: ip.dst, proto: ip.proto, srcPort: l4?.srcPort, dstPort: l4?.dstPort, fragmentId: ip.fragmentId, outer };
}

function fullChecksum(ip: Ip4Values): number | undefined {
  const { tos, length, fragmentId, flagsOffset, ttl } = ip;
  if (ip.options || tos === undefined || length === undefined || fragmentId === undefined || flagsOffset === undefined || ttl === undefined) return undefined;
  return ip4HeaderChecksum({ tos, length, fragmentId, flagsOffset, ttl, proto: ip.proto, src: ip.src, dst: ip.dst });
}

function ip4Checksums(old: Ip4Values, next: Ip4Values, where: HeaderSite): Pick<Ip4Values, "checksum" | "shouldBe"> {
  if (old.checksum === undefined) return {};
  const changes: [number, number][] = [
    ...words(old.src).map((w, i): [number, number] => [w, words(next.src)[i]]),
    ...words(old.dst).map((w, i): [number, number] => [w, words(next.dst)[i]]),
    [((old.ttl ?? 0) << 8) | old.proto, ((next.ttl ?? 0) << 8) | next.proto],
  ];
  const checksum = update(old.checksum, changes);
  const was = fullChecksum(old);
  const now = fullChecksum(next);
  if (was !== undefined && was === old.checksum && now !== checksum) {
    throw new Error(`rewrite: checksum of ${next.src} -> ${next.dst} at ${where.record.node} (line ${where.record.line}): incremental ${checksum}, full ${now}`);
  }
  if (old.shouldBe === undefined) return { checksum };
  return { checksum, shouldBe: now ?? update(old.shouldBe, changes) };
}

function l4Checksum(old: Ip4Values, next: Ip4Values, oldL4: L4Values, nextL4: L4Values): number | undefined {
  if (oldL4.checksum === undefined) return undefined;
  if (old.proto === 17 && oldL4.checksum === 0) return 0;
  if (old.proto !== 6 && old.proto !== 17) return oldL4.checksum;
  const hi = (oldL4.tcpByte12 ?? 0) << 8;
  return update(oldL4.checksum, [
    ...words(old.src).map((w, i): [number, number] => [w, words(next.src)[i]]),
    ...words(old.dst).map((w, i): [number, number] => [w, words(next.dst)[i]]),
    [oldL4.srcPort ?? 0, nextL4.srcPort ?? 0],
    [oldL4.dstPort ?? 0, nextL4.dstPort ?? 0],
    [hi | (oldL4.tcpFlags ?? 0), hi | (nextL4.tcpFlags ?? 0)],
  ]);
}

/** The header as the rewritten trace shows it. `l4` is absent for non-first fragments. */
export function rewriteHeader(r: Resolved, base: SiteBase, ip: Ip4Values, l4?: L4Values): { ip: Ip4Values; l4?: L4Values; site: HeaderSite } {
  const site = siteOf(r, base, ip, l4);
  const next: Ip4Values = { ...ip, src: r.address(ip.src), dst: r.address(ip.dst) };
  if (ip.ttl !== undefined) next.ttl = r.ttl(site, ip.ttl);
  Object.assign(next, ip4Checksums(ip, next, site));
  if (l4 === undefined) return { ip: next, site };
  const flow = { src: ip.src, dst: ip.dst, proto: ip.proto };
  const nextL4: L4Values = { ...l4 };
  if (l4.srcPort !== undefined) nextL4.srcPort = r.port(l4.srcPort, { role: "src", ...flow });
  if (l4.dstPort !== undefined) nextL4.dstPort = r.port(l4.dstPort, { role: "dst", ...flow });
  if (l4.tcpFlags !== undefined && ip.proto === 6) nextL4.tcpFlags = r.tcpFlags(site, l4.tcpFlags);
  nextL4.checksum = l4Checksum(ip, next, l4, nextL4);
  return { ip: next, l4: nextL4, site };
}

/** A port of a flow shown without its IPv4 header (ip4-udp-lookup, an ACL line). */
export const portOf = (r: Resolved, port: number, role: "src" | "dst", flow: { src: string; dst: string; proto: number }): number =>
  r.port(port, { role, ...flow });
