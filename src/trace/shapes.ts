/**
 * Meaning of the body shapes many nodes share: IPv4 and L4 summaries, MAC pairs, hex dumps,
 * and the generic `key value, key value` lines. One function per shape, reused by every
 * decoder; the grammar already captured the fields, so these only convert and name them.
 */
import { shapeMatch, type SyntaxLine } from "../../grammar/index.js";
import type { LineShape } from "../../grammar/line-shape.js";
import { IP4_LATER, IP4_SUMMARY, L4_PORTS, TCP_LATER, UDP_LATER } from "../../grammar/line-shapes.js";
import type { EtherHeader, HexDump, Ip4Header, KvValue, L4Header } from "../model/trace.js";

/** A line that could not be read: where reading stopped, what was expected and found. */
export interface LineProblem {
  line: number;
  column: number;
  /** What the line is (`IPv4 header line`). */
  shape: string;
  expected: string;
  found: string;
}

/** The captured fields of a token of a known shape, from index 1. */
const fieldsOf = (line: SyntaxLine): string[] => shapeMatch(line.token, line.text);
const hex = (s: string | undefined): number | undefined => (s === undefined ? undefined : parseInt(s, 16));

/** A header whose lines all read, in VPP's order, as one match: the common case, read with
 *  one regular expression; the groups of each shape follow each other. */
function wholeHeader(first: LineShape, later: LineShape[]): RegExp {
  return new RegExp(`^${first.source}${later.map((shape) => `(?:[ \\t]*\\n[ \\t]*${shape.source})?`).join("")}$`);
}
const IP4_WHOLE = wholeHeader(IP4_SUMMARY, IP4_LATER);
const TCP_WHOLE = wholeHeader(L4_PORTS, TCP_LATER);
const UDP_WHOLE = wholeHeader(L4_PORTS, UDP_LATER);
/** Where each shape's groups start in a whole-header match (the first shape's at 1). */
const groupStarts = (shapes: LineShape[]): number[] => shapes.reduce<number[]>((starts, shape, i) => [...starts, starts[i] + shape.groups], [1]);
const IP4_GROUPS = groupStarts([IP4_SUMMARY, ...IP4_LATER]);
const TCP_GROUPS = groupStarts([L4_PORTS, ...TCP_LATER]);
const UDP_GROUPS = groupStarts([L4_PORTS, ...UDP_LATER]);

/** Each shape's groups out of a whole-header match, as its own match would give them
 *  (undefined for a line that is not there). */
function split(match: RegExpExecArray, starts: number[]): (RegExpExecArray | undefined)[] {
  return starts.slice(0, -1).map((start, i) => {
    const groups = match.slice(start, starts[i + 1]);
    return groups.every((g) => g === undefined) && i > 0 ? undefined : (["", ...groups] as unknown as RegExpExecArray);
  });
}

/**
 * The lines under a header's first line, each read as the first of `later` (in VPP's order,
 * after the last one read) that it is; a line that is none of them is reported where the
 * shape it starts like — or else the next one expected — stops reading it. Returns each
 * shape's match, by its position in `later`.
 */
function readLater(line: SyntaxLine, later: LineShape[], problems: LineProblem[]): (RegExpExecArray | undefined)[] {
  const found = new Array<RegExpExecArray | undefined>(later.length);
  const lines = line.text.split("\n");
  let next = 0;
  for (let k = 1; k < lines.length; k++) {
    const text = lines[k].trim();
    let match: RegExpExecArray | null = null;
    let index = next;
    for (; index < later.length && match === null; index++) match = later[index].pattern.exec(text);
    if (match !== null) {
      found[index - 1] = match;
      next = index;
      continue;
    }
    const leading = later.findIndex((shape, i) => i >= next && shape.leads(text));
    const shape = later[leading === -1 ? Math.min(next, later.length - 1) : leading];
    const stop = shape.stop(text) ?? { offset: 0, expected: `a ${shape.name}` };
    const indent = lines[k].length - lines[k].trimStart().length;
    problems.push({ line: line.line + k, column: indent + stop.offset + 1, shape: shape.name, expected: stop.expected, found: text.slice(stop.offset) });
    next = (leading === -1 ? next : leading) + 1;
  }
  return found;
}

/** The first line's match and the later lines' (by shape), read whole when every line
 *  reads, else line by line with the garbled ones reported. */
function readHeader(line: SyntaxLine, first: LineShape, later: LineShape[], whole: RegExp, starts: number[], problems: LineProblem[]): (RegExpExecArray | undefined)[] {
  const match = whole.exec(line.text);
  if (match !== null) return split(match, starts);
  return [first.pattern.exec(line.text.split("\n", 1)[0].trimEnd())!, ...readLater(line, later, problems)];
}

/** An `Ip4Header` token: summary, then optional version, tos and fragment lines. */
export function decodeIp4Header(line: SyntaxLine, problems: LineProblem[]): Ip4Header {
  const [g, version, tos, fragment] = readHeader(line, IP4_SUMMARY, IP4_LATER, IP4_WHOLE, IP4_GROUPS, problems) as [RegExpExecArray, ...(RegExpExecArray | undefined)[]];
  const header: Ip4Header = { proto: g[1], src: g[2], dst: g[3], line: line.line };
  if (version !== undefined) {
    header.version = Number(version[1]);
    header.headerLength = Number(version[2]);
  }
  if (tos !== undefined) {
    header.tos = parseInt(tos[1], 16);
    header.ttl = Number(tos[2]);
    header.length = Number(tos[3]);
    header.checksum = parseInt(tos[4], 16);
    if (tos[5] !== undefined) header.checksumShouldBe = parseInt(tos[5], 16);
    if (tos[6] !== undefined) {
      header.dscp = tos[6];
      header.ecn = tos[7];
    }
  }
  if (fragment !== undefined) {
    header.fragmentId = parseInt(fragment[1], 16);
    if (fragment[2] !== undefined) header.fragmentOffset = Number(fragment[2]);
    if (fragment[3] !== undefined) header.flags = fragment[3];
  }
  return header;
}

/** An `L4Header` token: ports, then optional TCP seq/flags/window lines or a UDP length line. */
export function decodeL4Header(line: SyntaxLine, problems: LineProblem[]): L4Header {
  const udp = line.text.startsWith("UDP");
  const [g, ...rest] = readHeader(line, L4_PORTS, udp ? UDP_LATER : TCP_LATER, udp ? UDP_WHOLE : TCP_WHOLE, udp ? UDP_GROUPS : TCP_GROUPS, problems) as [RegExpExecArray, ...(RegExpExecArray | undefined)[]];
  const proto = g[1] as "TCP" | "UDP";
  const header: L4Header = { proto, srcPort: Number(g[2]), dstPort: Number(g[3]), line: line.line };
  if (proto === "UDP") {
    const [length] = rest;
    if (length !== undefined) {
      header.length = Number(length[1]);
      header.checksum = parseInt(length[2], 16);
    }
    return header;
  }
  const [seq, flags, window] = rest;
  if (seq !== undefined) {
    header.seq = parseInt(seq[1], 16);
    header.ack = parseInt(seq[2], 16);
  }
  if (flags !== undefined) {
    header.tcpFlags = parseInt(flags[1], 16);
    const names = flags[2].trim();
    header.tcpFlagNames = names === "" ? [] : names.split(" ");
    header.tcpHeaderLength = Number(flags[3]);
  }
  if (window !== undefined) {
    header.window = Number(window[1]);
    header.checksum = parseInt(window[2], 16);
  }
  return header;
}

export function decodeIcmpLine(line: SyntaxLine): L4Header {
  const g = fieldsOf(line);
  const header: L4Header = { proto: "ICMP", icmpType: g[1], checksum: hex(g[2]), line: line.line };
  if (g[3] !== undefined) header.icmpId = Number(g[3]);
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

/** Where the IPv4 header starts in a dump that begins at the rewrite: at 0 on L3
 *  point-to-point adjacencies (tun: the dump starts with 0x45), else after the Ethernet
 *  header and its VLAN tags. */
function ip4Offset(b: Uint8Array): { offset: number; etherType?: number } | null {
  if (b.length >= 20 && b[0] >> 4 === 4 && (b[0] & 0x0f) >= 5) return { offset: 0 };
  let at = 12;
  while (b.length >= at + 2) {
    const etherType = (b[at] << 8) | b[at + 1];
    if (etherType === 0x8100 || etherType === 0x88a8) {
      at += 4;
      continue;
    }
    return etherType === 0x0800 ? { offset: at + 2, etherType } : null;
  }
  return null;
}

const DUMP_LINE = /[0-9a-f]{8}: ([0-9a-f]+)/g;

/** A `HexDump` token: `offset: bytes` lines, the bytes concatenated. */
export function decodeHexDump(line: SyntaxLine): HexDump {
  let text = "";
  DUMP_LINE.lastIndex = 0;
  for (let m = DUMP_LINE.exec(line.text); m !== null; m = DUMP_LINE.exec(line.text)) text += m[1];
  const bytes = hexToBytes(text);
  const dump: HexDump = { bytes: text, length: bytes.length, line: line.line };
  const where = ip4Offset(bytes);
  if (where === null) return dump;
  if (where.offset > 0) dump.ether = { dst: formatMac(bytes, 0), src: formatMac(bytes, 6), etherType: where.etherType ?? 0 };
  const o = where.offset;
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
