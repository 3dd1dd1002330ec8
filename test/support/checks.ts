/**
 * Checks of what no invariant rule reads, written apart from the rewriter's own arithmetic:
 * a TCP/UDP checksum (printed or in a hex dump) must have moved by exactly what its
 * pseudo-header addresses, ports and (TCP) flags moved — ~new + Σold ≡ ~old + Σnew in
 * one's-complement — and a UDP checksum of 0 must stay 0.
 */
import type { NodeRecord, Packet } from "../../src/model/trace.js";

function onesSum(words: number[]): number {
  let sum = 0;
  for (const w of words) {
    sum += w;
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  return sum;
}
const ipWords = (ip: string): number[] => {
  const [a, b, c, d] = ip.split(".").map(Number);
  return [(a << 8) | b, (c << 8) | d];
};

interface L4Seen {
  where: string;
  proto: number;
  checksum: number;
  words: number[];
}

function printed(record: NodeRecord): L4Seen | undefined {
  const { ip4, l4 } = record.fields;
  if (ip4 === undefined || l4 === undefined || l4.checksum === undefined || (l4.proto !== "TCP" && l4.proto !== "UDP")) return undefined;
  const flags = l4.proto === "TCP" ? [(((l4.tcpHeaderLength ?? 0) / 4) << 12) | (l4.tcpFlags ?? 0)] : [];
  return { where: `${record.node}@${l4.line}`, proto: l4.proto === "TCP" ? 6 : 17, checksum: l4.checksum, words: [...ipWords(ip4.src), ...ipWords(ip4.dst), l4.srcPort!, l4.dstPort!, ...flags] };
}

function dumped(record: NodeRecord): L4Seen | undefined {
  const dump = record.fields.hexdump;
  if (dump?.ip4 === undefined) return undefined;
  const { offset, ihl, protocol, src, dst } = dump.ip4;
  const at = (offset + ihl * 4) * 2;
  const word = (byte: number): number => parseInt(dump.bytes.slice(at + byte * 2, at + byte * 2 + 4), 16);
  const sumAt = protocol === 6 ? 16 : 6;
  if ((protocol !== 6 && protocol !== 17) || dump.bytes.length < at + (sumAt + 2) * 2) return undefined;
  const flags = protocol === 6 ? [word(12)] : [];
  return { where: `${record.node} dump@${dump.line}`, proto: protocol, checksum: word(sumAt), words: [...ipWords(src), ...ipWords(dst), word(0), word(2), ...flags] };
}

/** Where the L4 checksums of `after` (the same packet rewritten) do not follow their words. */
export function l4ChecksumDrift(before: Packet, after: Packet): string[] {
  const wrong: string[] = [];
  before.records.forEach((record, i) => {
    for (const read of [printed, dumped]) {
      const [a, b] = [read(record), read(after.records[i])];
      if (a === undefined || b === undefined) continue;
      if (a.proto === 17 && a.checksum === 0) {
        if (b.checksum !== 0) wrong.push(`${b.where}: UDP checksum 0 became ${b.checksum}`);
        continue;
      }
      if (onesSum([~b.checksum & 0xffff, ...a.words]) % 0xffff !== onesSum([~a.checksum & 0xffff, ...b.words]) % 0xffff) {
        wrong.push(`${b.where}: checksum 0x${b.checksum.toString(16)} does not follow from 0x${a.checksum.toString(16)}`);
      }
    }
  });
  return wrong;
}

/** The IPv4 header at the start of a dump's IPv4 part sums to 0xffff (RFC 1071). */
export function dumpHeaderSumsUp(record: NodeRecord): boolean {
  const dump = record.fields.hexdump!;
  const at = dump.ip4!.offset * 2;
  return onesSum(dump.bytes.slice(at, at + dump.ip4!.ihl * 8).match(/..../g)!.map((w) => parseInt(w, 16))) === 0xffff;
}
