/**
 * Meaning of the body shapes many nodes share: IPv4 and L4 headers (ip-headers.ts), ICMP
 * lines, MAC pairs, hex dumps, and the generic `key value, key value` lines. One function per shape, reused by every
 * decoder; the grammar already captured the fields, so these only convert and name them.
 */
import { shapeMatch, type SyntaxLine } from "../../grammar/index.js";
import type { EtherHeader, HexDump, KvValue, L4Header } from "../model/trace.js";
import { positionIn } from "./positions.js";
import { formatIp6 } from "../model/ip6.js";
import type { ProblemSink } from "./problems.js";

export { decodeIp4Header, decodeIp6Header, decodeL4Header, type LineProblem } from "./ip-headers.js";

/** The captured fields of a token of a known shape, from index 1. */
const fieldsOf = (line: SyntaxLine): string[] => shapeMatch(line.token, line.text);
const hex = (s: string | undefined): number | undefined => (s === undefined ? undefined : parseInt(s, 16));

export function decodeIcmpLine(line: SyntaxLine): L4Header {
  const g = fieldsOf(line);
  const header: L4Header = { proto: "ICMP", icmpType: g[1], checksum: hex(g[2]), line: line.line };
  if (g[3] !== undefined) header.icmpId = Number(g[3]);
  if (g[4] !== undefined) header.ndTarget = g[4];
  return header;
}

export function decodeEtherLine(line: SyntaxLine): EtherHeader {
  const [, type, src, dst, vlans] = fieldsOf(line);
  const header: EtherHeader = { type, src: src.toLowerCase(), dst: dst.toLowerCase(), line: line.line };
  if (vlans) header.vlans = vlans.trim().split(/ (?=802)/);
  return header;
}

const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX_DIGIT["0123456789abcdef".charCodeAt(i)] = HEX_DIGIT["0123456789ABCDEF".charCodeAt(i)] = i;
const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

const formatMac = (b: Uint8Array, at: number): string =>
  `${BYTE_HEX[b[at]]}:${BYTE_HEX[b[at + 1]]}:${BYTE_HEX[b[at + 2]]}:${BYTE_HEX[b[at + 3]]}:${BYTE_HEX[b[at + 4]]}:${BYTE_HEX[b[at + 5]]}`;
const formatIp4 = (b: Uint8Array, at: number): string => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;

/** Hex digits (the grammar let only hex digits through) to bytes; an odd last digit is dropped. */
export function hexToBytes(hexText: string): Uint8Array {
  const bytes = new Uint8Array(hexText.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (HEX_DIGIT[hexText.charCodeAt(2 * i)] << 4) | HEX_DIGIT[hexText.charCodeAt(2 * i + 1)];
  return bytes;
}

/** Where the IP header starts in a dump that begins at the rewrite, and its version: at 0
 *  on L3 point-to-point adjacencies (tun: the dump starts with 0x45), else after the
 *  Ethernet header and its VLAN tags (ethertype 0x0800 or 0x86dd). */
function ipOffset(b: Uint8Array): { offset: number; version: 4 | 6; etherType?: number } | null {
  if (b.length >= 20 && b[0] >> 4 === 4 && (b[0] & 0x0f) >= 5) return { offset: 0, version: 4 };
  let at = 12;
  while (b.length >= at + 2) {
    const etherType = (b[at] << 8) | b[at + 1];
    if (etherType === 0x8100 || etherType === 0x88a8) {
      at += 4;
      continue;
    }
    if (etherType === 0x0800) return { offset: at + 2, version: 4, etherType };
    if (etherType === 0x86dd) return { offset: at + 2, version: 6, etherType };
    break;
  }
  // An IPv6 header at 0 (tun) is not told from a MAC address starting 6x: not guessed.
  return null;
}

/** The IPv6 header at `o` and the ports after it (TCP/UDP right after the fixed header). */
function ip6Of(bytes: Uint8Array, o: number): NonNullable<HexDump["ip6"]> {
  const word = (at: number): number => (bytes[at] << 8) | bytes[at + 1];
  const groups = (at: number): number[] => Array.from({ length: 8 }, (_, k) => word(at + 2 * k));
  const ip6: NonNullable<HexDump["ip6"]> = {
    offset: o,
    tos: ((bytes[o] & 0x0f) << 4) | (bytes[o + 1] >> 4),
    flowLabel: ((bytes[o + 1] & 0x0f) << 16) | word(o + 2),
    payloadLength: word(o + 4),
    nextHeader: bytes[o + 6],
    hopLimit: bytes[o + 7],
    src: formatIp6(groups(o + 8)),
    dst: formatIp6(groups(o + 24)),
  };
  if ((ip6.nextHeader === 6 || ip6.nextHeader === 17) && bytes.length >= o + 44) {
    ip6.srcPort = word(o + 40);
    ip6.dstPort = word(o + 42);
  }
  return ip6;
}

/** The line and column of byte `byte` of a dump whose rows are `rows` (pairs: where the
 *  row's digits start in the text, how many digits came before). */
function bytePosition(line: SyntaxLine, rows: number[], byte: number): { line: number; column: number } {
  let row = 0;
  while (row + 2 < rows.length && rows[row + 3] <= 2 * byte) row += 2;
  return positionIn(line, rows[row] + 2 * byte - rows[row + 1]);
}

/** Where the TTL and checksum bytes stand, for a finding about either to point there. */
function locateDumpValues(line: SyntaxLine, rows: number[], ip4: NonNullable<HexDump["ip4"]>): void {
  const ttl = bytePosition(line, rows, ip4.offset + 8);
  const checksum = bytePosition(line, rows, ip4.offset + 10);
  ip4.ttlLine = ttl.line;
  ip4.ttlColumn = ttl.column;
  ip4.checksumLine = checksum.line;
  ip4.checksumColumn = checksum.column;
}

const DUMP_LINE = /[0-9a-f]{8}: ([0-9a-f]+)/g;
const DUMP_ROW = /^([0-9a-f]{8}): ([0-9a-f]+)$/;

/**
 * A `HexDump` token's rows read in full: format_hex_bytes (src/vppinfra/std-formats.c)
 * prints 32 bytes a row, each row headed by its offset, the last row shorter. A row of
 * another length before the last, an odd digit, or an offset that skips (a row deleted) is
 * reported where it stands. Rows of 16 bytes, which other dumpers print, are read alike.
 */
export function checkHexDump(line: SyntaxLine, problems: ProblemSink): void {
  const rows = line.text.split("\n");
  let width = 0;
  for (let k = 0; k < rows.length; k++) {
    const m = DUMP_ROW.exec(rows[k].trim());
    if (m === null) return; // the grammar made the token of such rows: nothing else to say
    const at = { line: line.line + k, column: k === 0 ? line.column : rows[k].length - rows[k].trimStart().length + 1 };
    const bytes = m[2].length / 2;
    if (k === 0 && rows.length > 1) width = bytes;
    const offset = parseInt(m[1], 16);
    const problem = (expected: string, found: string): void => void problems.push({ ...at, shape: "hex dump", expected, found });
    if (m[2].length % 2 !== 0) return problem("whole bytes (an even number of hex digits)", m[2]);
    if (k === 0 && offset !== 0) return problem("the first row at offset 00000000", m[1]);
    if (k > 0 && offset !== k * width) return problem(`the row at offset ${(k * width).toString(16).padStart(8, "0")} (one of ${width} bytes a row): a row is missing`, m[1]);
    if (k < rows.length - 1 && (width !== 16 && width !== 32 || bytes !== width)) return problem(`${width === 16 ? 16 : 32} bytes in a row before the last`, `${bytes}`);
  }
}

/** A `HexDump` token: `offset: bytes` lines, the bytes concatenated. */
export function decodeHexDump(line: SyntaxLine): HexDump {
  let text = "";
  /** Where each row's hex digits start in the token's text: a byte's position follows. */
  const rows: number[] = [];
  DUMP_LINE.lastIndex = 0;
  for (let m = DUMP_LINE.exec(line.text); m !== null; m = DUMP_LINE.exec(line.text)) {
    rows.push(m.index + m[0].length - m[1].length, text.length);
    text += m[1];
  }
  return hexDumpOf(text, line.line, (ip4) => locateDumpValues(line, rows, ip4));
}

/** Bytes given as hex digits (from any dump's lines) and what their headers say; `locate`
 *  tells where the IPv4 header's values stand, when the lines are known. */
export function hexDumpOf(text: string, line: number, locate?: (ip4: NonNullable<HexDump["ip4"]>) => void): HexDump {
  const bytes = hexToBytes(text);
  const dump: HexDump = { bytes: text, length: bytes.length, line };
  const where = ipOffset(bytes);
  if (where === null) return dump;
  if (where.offset > 0) dump.ether = { dst: formatMac(bytes, 0), src: formatMac(bytes, 6), etherType: where.etherType ?? 0 };
  const o = where.offset;
  if (where.version === 6) {
    if (bytes.length >= o + 40) dump.ip6 = ip6Of(bytes, o);
    return dump;
  }
  if (bytes.length < o + 20) return dump;
  const ihl = bytes[o] & 0x0f;
  dump.ip4 = {
    offset: o,
    version: bytes[o] >> 4,
    ihl,
    tos: bytes[o + 1],
    length: (bytes[o + 2] << 8) | bytes[o + 3],
    fragmentId: (bytes[o + 4] << 8) | bytes[o + 5],
    flagsOffset: (bytes[o + 6] << 8) | bytes[o + 7],
    ttl: bytes[o + 8],
    protocol: bytes[o + 9],
    checksum: (bytes[o + 10] << 8) | bytes[o + 11],
    src: formatIp4(bytes, o + 12),
    dst: formatIp4(bytes, o + 16),
  };
  locate?.(dump.ip4);
  const l4 = o + ihl * 4;
  if ((dump.ip4.protocol === 6 || dump.ip4.protocol === 17) && bytes.length >= l4 + 4) {
    dump.ip4.srcPort = (bytes[l4] << 8) | bytes[l4 + 1];
    dump.ip4.dstPort = (bytes[l4 + 2] << 8) | bytes[l4 + 3];
  }
  return dump;
}

const VALUE = /^(?:[-+]?\d|0x)|\d[:./]|[:./]\d/;
const INTEGER = /^-?\d+$/;
const HEX_NUMBER = /^0x[0-9a-fA-F]{1,12}$/;
const LABEL = /^[A-Za-z][\w -]*?:\s+(?=\S)/;

function toValue(word: string): KvValue {
  if (word.length < 16 && INTEGER.test(word)) return Number(word);
  if (HEX_NUMBER.test(word)) return parseInt(word, 16);
  return word;
}

const keyOf = (word: string): string => (word.endsWith(":") ? word.slice(0, -1) : word);

/**
 * `key value, key value` and `key value key value` lines, the shape most VPP format
 * functions use. A leading `Label:` (e.g. `PKT MBUF:`) is dropped; a word with no value
 * after it is a flag, kept with the value "".
 */
export function parseKeyValues(text: string, into: Record<string, KvValue> = {}): Record<string, KvValue> {
  for (const [key, value] of keyValuePairs(text)) addKv(into, key, value);
  return into;
}

/** The pairs of a `key value` line in order, repeated keys as they come (addKv numbers them). */
export function keyValuePairs(text: string): [string, KvValue][] {
  const pairs: [string, KvValue][] = [];
  const label = LABEL.exec(text);
  const body = label === null || VALUE.test(label[0]) ? text : text.slice(label[0].length);
  for (const part of body.includes(",") ? body.split(/,\s+/) : [body]) {
    const words = part.trim().split(/\s+/);
    if (words[0] === "") continue;
    const isValue = words.map((w) => VALUE.test(w));
    // `colour blue` between commas is a pair even when the value is a word.
    if (words.length === 2 && !isValue[0]) {
      pairs.push([keyOf(words[0]), toValue(words[1])]);
      continue;
    }
    for (let i = 0; i < words.length; i++) {
      if (i + 1 < words.length && isValue[i + 1] && !isValue[i]) {
        pairs.push([keyOf(words[i]), toValue(words[i + 1])]);
        i++;
      } else pairs.push([keyOf(words[i]), isValue[i] ? toValue(words[i]) : ""]);
    }
  }
  return pairs;
}

/** How many times each key was seen per kv object, so a repeated key costs O(1). */
const repeats = new WeakMap<Record<string, KvValue>, Map<string, number>>();

export function addKv(into: Record<string, KvValue>, key: string, value: KvValue): void {
  if (!(key in into)) {
    into[key] = value;
    return;
  }
  let counts = repeats.get(into);
  if (counts === undefined) repeats.set(into, (counts = new Map()));
  let n = counts.get(key) ?? 1;
  let name: string;
  do name = `${key}#${++n}`;
  while (name in into);
  counts.set(key, n);
  into[name] = value;
}
