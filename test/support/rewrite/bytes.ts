/**
 * Packet bytes printed in hex: the ip4-rewrite hex dump (60 bytes from the rewrite on,
 * `00000000: ` + 32 bytes, `00000020: ` + 28 bytes), the adjacency's rewrite string (dst MAC,
 * src MAC, ethertype) and l2-output's `data` (12 bytes from the ethertype on). A dump is read
 * as Ethernet (its length from the rewrite string when the record has one), IPv4, TCP/UDP
 * and, on a VXLAN port, the VXLAN header (VNI in bytes 4–6) and the inner Ethernet header,
 * whose source MAC the 60 bytes cut after 4 bytes. Each dump line keeps its width.
 */
import type { HeaderView } from "../../../src/trace/headers.js";
import { rewriteHeader, type Ip4Values, type L4Values, type SiteBase } from "./headers.js";
import type { Resolved } from "./spec.js";

const DUMP = /^(\s*[0-9a-f]{8}: )([0-9a-f]+)(\s*)$/;
const DATA = /^(.* data)((?: [0-9a-f]{2})+)(\s*)$/;
const REWRITE = /^(.*\svia \S+ \S+?:\s*(?:(?:mtu|next):\d+\s+|flags:\[[^\]]*\]\s*)*)([0-9a-f]{24,})(?=\s|$)/;

const toBytes = (hex: string): number[] => hex.match(/../g)!.map((b) => parseInt(b, 16));
const toHex = (bytes: number[]): string => bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
const u16 = (b: number[], at: number): number => (b[at] << 8) | b[at + 1];
const put16 = (b: number[], at: number, v: number): void => void b.splice(at, 2, v >>> 8, v & 0xff);
const ipAt = (b: number[], at: number): string => b.slice(at, at + 4).join(".");
const putIp = (b: number[], at: number, ip: string): void => void b.splice(at, 4, ...ip.split(".").map(Number));

/** A MAC at `at`, of which the dump may hold only the first bytes. */
function mapMac(r: Resolved, b: number[], at: number): void {
  const have = Math.min(6, b.length - at);
  if (have <= 0) return;
  const hex = toHex(b.slice(at, at + have));
  const mapped = have === 6 ? r.mac(hex.match(/../g)!.join(":")).replace(/:/g, "") : r.macPrefix(hex);
  b.splice(at, have, ...toBytes(mapped));
}

function l2Length(base: SiteBase, b: number[]): number | undefined {
  const rewrite = base.record.fields.rewrite?.rewrite;
  if (rewrite !== undefined && /^(?:[0-9a-f]{2})*$/.test(rewrite)) return rewrite.length / 2;
  if (b[0] >> 4 === 4) return 0;
  if (u16(b, 12) === 0x0800) return 14;
  if (u16(b, 12) === 0x8100 && u16(b, 16) === 0x0800) return 18;
  return undefined;
}

function readL4(b: number[], at: number, proto: number): L4Values | undefined {
  if ((proto !== 6 && proto !== 17) || at + 4 > b.length) return undefined;
  const l4: L4Values = { srcPort: u16(b, at), dstPort: u16(b, at + 2) };
  if (proto === 6 && at + 14 <= b.length) Object.assign(l4, { tcpByte12: b[at + 12], tcpFlags: b[at + 13] });
  const sum = at + (proto === 6 ? 16 : 6);
  if (sum + 2 <= b.length) l4.checksum = u16(b, sum);
  return l4;
}

function writeL4(b: number[], at: number, proto: number, l4: L4Values): void {
  put16(b, at, l4.srcPort!);
  put16(b, at + 2, l4.dstPort!);
  if (l4.tcpFlags !== undefined) b[at + 13] = l4.tcpFlags;
  if (l4.checksum !== undefined) put16(b, at + (proto === 6 ? 16 : 6), l4.checksum);
}

/** VXLAN header 8 bytes after the UDP header: flags, 3 reserved, VNI (3 bytes), 1 reserved. */
function rewriteVxlan(r: Resolved, b: number[], at: number): void {
  if (at + 7 <= b.length) {
    const vni = r.vni((b[at + 4] << 16) | (b[at + 5] << 8) | b[at + 6]);
    b.splice(at + 4, 3, vni >>> 16, (vni >>> 8) & 0xff, vni & 0xff);
  }
  mapMac(r, b, at + 8);
  mapMac(r, b, at + 14);
}

function rewriteIp4(r: Resolved, base: SiteBase, b: number[], at: number): void {
  const ihl = (b[at] & 0x0f) * 4;
  const ip: Ip4Values = {
    tos: b[at + 1], length: u16(b, at + 2), fragmentId: u16(b, at + 4), flagsOffset: u16(b, at + 6), ttl: b[at + 8], proto: b[at + 9],
    checksum: u16(b, at + 10), src: ipAt(b, at + 12), dst: ipAt(b, at + 16), options: ihl !== 20,
  };
  const l4 = readL4(b, at + ihl, ip.proto);
  const next = rewriteHeader(r, base, ip, l4);
  b[at + 8] = next.ip.ttl!;
  put16(b, at + 10, next.ip.checksum!);
  putIp(b, at + 12, next.ip.src);
  putIp(b, at + 16, next.ip.dst);
  if (l4 !== undefined && next.l4 !== undefined) writeL4(b, at + ihl, ip.proto, next.l4);
  if (ip.proto === 17 && r.isVxlanPort(l4?.dstPort)) rewriteVxlan(r, b, at + ihl + 8);
}

/** Rewrites the dump starting at line `i` in place; returns how many lines it spans (0: none here). */
export function rewriteHexDump(r: Resolved, base: SiteBase, lines: string[], i: number, end: number): number {
  let j = i;
  while (j < end && DUMP.test(lines[j])) j++;
  if (j === i) return 0;
  const parts = lines.slice(i, j).map((line) => DUMP.exec(line)!);
  const b = toBytes(parts.map((m) => m[2]).join(""));
  const l2 = l2Length(base, b);
  if (l2 === undefined) return j - i;
  if (l2 >= 12) [0, 6].forEach((at) => mapMac(r, b, at));
  if (l2 + 20 <= b.length && b[l2] >> 4 === 4) rewriteIp4(r, base, b, l2);
  let hex = toHex(b);
  parts.forEach((m, k) => {
    lines[i + k] = `${m[1]}${hex.slice(0, m[2].length)}${m[3]}`;
    hex = hex.slice(m[2].length);
  });
  return j - i;
}

/** l2-output `data 08 00 45 00 00 3c 89 5a 40 00 3f 06`: the TTL (byte 10) of the IPv4
 *  header whose IP id (bytes 6–7) the packet printed before. */
export function rewriteL2Data(r: Resolved, base: SiteBase, views: HeaderView[], position: number, line: string): string {
  const m = DATA.exec(line);
  if (m === null) return line;
  const b = m[2].trim().split(" ").map((x) => parseInt(x, 16));
  if (u16(b, 0) !== 0x0800 || b[2] >> 4 !== 4 || b.length < 12) return line;
  const id = u16(b, 6);
  const view = views.filter((v) => v.position < position && v.fragmentId === id && v.proto === b[11]).pop();
  if (view === undefined) {
    if (r.hasTtl) throw new Error(`rewrite: cannot tell which header l2 data at line ${base.record.line} belongs to (IP id 0x${id.toString(16)})`);
    return line;
  }
  const outer = view.proto === 17 && (r.isVxlanPort(view.dstPort) || r.isVxlanPort(view.srcPort));
  const site = { ...base, src: view.src, dst: view.dst, proto: view.proto, srcPort: view.srcPort, dstPort: view.dstPort, fragmentId: id, outer };
  b[10] = r.ttl(site, b[10]);
  return `${m[1]}${b.map((x) => ` ${x.toString(16).padStart(2, "0")}`).join("")}${m[3]}`;
}

/** The adjacency's rewrite string after `via A IF:`: its two MACs. */
export function rewriteRewriteString(r: Resolved, line: string): string {
  return line.replace(REWRITE, (_, head: string, hex: string) => {
    const b = toBytes(hex);
    [0, 6].forEach((at) => mapMac(r, b, at));
    return `${head}${toHex(b)}`;
  });
}
