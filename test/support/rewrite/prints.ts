/**
 * A printed IPv4 header (format_ip4_header) and the TCP/UDP header under it, as VPP lays
 * them out:
 *   TCP: 10.1.1.12 -> 10.1.1.9
 *     [version 4, header length 24]
 *     tos 0x00, ttl 64, length 60, checksum 0xf087[ (should be 0x…)][ dscp CS0 ecn NON_ECN]
 *     fragment id 0x341e[ offset N][, flags DONT_FRAGMENT]
 *   TCP: 39820 -> 8080
 *     seq. 0x8c66e434 ack 0x00000000
 *     flags 0x02 SYN, tcp header: 40 bytes
 *     window 29200, checksum 0xc3de
 * (UDP: `UDP: p -> q` then `length N, checksum 0x…`). Only the captured fields are replaced,
 * so every other character of these lines stays as it was.
 */
import { flagsOffsetField, protocolNumber } from "../../../src/trace/headers.js";
import { rewriteHeader, type Ip4Values, type L4Values, type SiteBase } from "./headers.js";
import type { Resolved } from "./spec.js";

const SUMMARY = /^(\s*)(\S+|unknown \d+): (\d+\.\d+\.\d+\.\d+) -> (\d+\.\d+\.\d+\.\d+)(\s*)$/;
const VERSION = /^\s*version \d+, header length (\d+)/;
const TOS = /^(\s*tos 0x)([0-9a-f]{2})(, ttl )(\d+)(, length )(\d+)(, checksum 0x)([0-9a-f]{4})(?:( \(should be 0x)([0-9a-f]{4})(\)))?(.*)$/;
const FRAGMENT = /^\s*fragment id 0x([0-9a-f]{4})(?: offset (\d+))?(?:, flags (\S+))?/;
const L4 = /^(\s*)(TCP|UDP): (\d+) -> (\d+)(\s*)$/;
const SEQ = /^\s*seq\. 0x/;
const TCP_FLAGS = /^(\s*flags 0x)([0-9a-f]{2})((?: [A-Z]+)*)(, tcp header: (\d+) bytes.*)$/;
const CHECKSUM = /^(\s*(?:window \d+|length \d+), checksum 0x)([0-9a-f]{4})(.*)$/;

const FLAG_NAMES = ["FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"];
/** format_tcp_flags: ` SYN ACK` for 0x12. */
export const tcpFlagNames = (flags: number): string => FLAG_NAMES.filter((_, bit) => flags & (1 << bit)).map((n) => ` ${n}`).join("");
const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");

interface Block {
  ip: Ip4Values;
  l4?: L4Values;
  /** Line index of each part that was found. */
  at: { summary: number; tos?: number; l4?: number; flags?: number; checksum?: number };
  end: number;
}

function readL4(lines: string[], i: number, end: number, block: Block): void {
  const m = L4.exec(lines[i] ?? "");
  if (i >= end || m === null || m[2] !== (block.ip.proto === 6 ? "TCP" : block.ip.proto === 17 ? "UDP" : "")) return;
  const l4: L4Values = { srcPort: Number(m[3]), dstPort: Number(m[4]) };
  block.l4 = l4;
  block.at.l4 = i;
  let j = i + 1;
  if (block.ip.proto === 6 && j < end && SEQ.test(lines[j])) j++;
  const flags = block.ip.proto === 6 && j < end ? TCP_FLAGS.exec(lines[j]) : null;
  if (flags !== null) {
    l4.tcpFlags = parseInt(flags[2], 16);
    l4.tcpByte12 = (Number(flags[5]) / 4) << 4;
    block.at.flags = j++;
  }
  const checksum = j < end ? CHECKSUM.exec(lines[j]) : null;
  if (checksum !== null) {
    l4.checksum = parseInt(checksum[2], 16);
    block.at.checksum = j++;
  }
  block.end = j;
}

function readBlock(lines: string[], i: number, end: number): Block | null {
  const m = SUMMARY.exec(lines[i]);
  const proto = m === null ? undefined : protocolNumber(m[2]);
  if (m === null || proto === undefined) return null;
  const block: Block = { ip: { src: m[3], dst: m[4], proto }, at: { summary: i }, end: i + 1 };
  let j = i + 1;
  const version = j < end ? VERSION.exec(lines[j]) : null;
  if (version !== null) {
    block.ip.options = Number(version[1]) !== 20;
    j++;
  }
  const tos = j < end ? TOS.exec(lines[j]) : null;
  if (tos === null) return block;
  Object.assign(block.ip, { tos: parseInt(tos[2], 16), ttl: Number(tos[4]), length: Number(tos[6]), checksum: parseInt(tos[8], 16) });
  if (tos[10] !== undefined) block.ip.shouldBe = parseInt(tos[10], 16);
  block.at.tos = j++;
  const fragment = j < end ? FRAGMENT.exec(lines[j]) : null;
  if (fragment !== null) {
    block.ip.fragmentId = parseInt(fragment[1], 16);
    block.ip.flagsOffset = flagsOffsetField(fragment[3], fragment[2] === undefined ? undefined : Number(fragment[2]));
    j++;
  }
  block.end = j;
  // A non-first fragment carries no L4 header (VPP prints none).
  if (fragment?.[2] === undefined || fragment[2] === "0") readL4(lines, j, end, block);
  return block;
}

function writeBlock(lines: string[], block: Block, ip: Ip4Values, l4: L4Values | undefined): void {
  const { at } = block;
  lines[at.summary] = lines[at.summary].replace(SUMMARY, (_, pad, proto, _s, _d, tail) => `${pad}${proto}: ${ip.src} -> ${ip.dst}${tail}`);
  if (at.tos !== undefined) {
    lines[at.tos] = lines[at.tos].replace(TOS, (_, a, tos, b, _ttl, c, len, d, _sum, e, _should, f, rest) =>
      `${a}${tos}${b}${ip.ttl}${c}${len}${d}${hex(ip.checksum!, 4)}${e === undefined ? "" : `${e}${hex(ip.shouldBe!, 4)}${f}`}${rest}`);
  }
  if (l4 === undefined || at.l4 === undefined) return;
  lines[at.l4] = lines[at.l4].replace(L4, (_, pad, proto, _p, _q, tail) => `${pad}${proto}: ${l4.srcPort} -> ${l4.dstPort}${tail}`);
  if (at.flags !== undefined && l4.tcpFlags !== block.l4?.tcpFlags) {
    lines[at.flags] = lines[at.flags].replace(TCP_FLAGS, (_, a, _f, _names, rest) => `${a}${hex(l4.tcpFlags!, 2)}${tcpFlagNames(l4.tcpFlags!)}${rest}`);
  }
  if (at.checksum !== undefined) {
    lines[at.checksum] = lines[at.checksum].replace(CHECKSUM, (_, a, _c, rest) => `${a}${hex(l4.checksum!, 4)}${rest}`);
  }
}

/** Rewrites the block starting at line `i` in place; returns how many lines it spans (0: none here). */
export function rewritePrintBlock(r: Resolved, base: SiteBase, lines: string[], i: number, end: number): number {
  const block = readBlock(lines, i, end);
  if (block === null) return 0;
  const next = rewriteHeader(r, base, block.ip, block.l4);
  writeBlock(lines, block, next.ip, next.l4);
  return block.end - i;
}
