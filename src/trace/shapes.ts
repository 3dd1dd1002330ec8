/**
 * Meaning of the body shapes many nodes share: IPv4 and L4 summaries, MAC pairs, hex dumps,
 * and the generic `key value, key value` lines. One function per shape, reused by every
 * decoder; the grammar already captured the fields, so these only convert and name them.
 */
import { shapeGroups, type SyntaxBlock, type SyntaxLine } from "../../grammar/index.js";
import type { EtherHeader, HexDump, Ip4Header, KvValue, L4Header } from "../model/trace.js";

/** The captured fields of a line of a known shape. */
const fieldsOf = (line: SyntaxLine): string[] => shapeGroups(line.token, line.text);
const hex = (s: string | undefined): number | undefined => (s === undefined ? undefined : parseInt(s, 16));
const dec = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

export function decodeIp4Block(block: SyntaxBlock): Ip4Header {
  const [summary, ...rest] = block.lines;
  const [proto, src, dst] = fieldsOf(summary);
  const header: Ip4Header = { proto, src, dst, line: summary.line };
  for (const line of rest) {
    const g = fieldsOf(line);
    if (line.token === "Ip4Version") {
      header.version = dec(g[0]);
      header.headerLength = dec(g[1]);
    } else if (line.token === "Ip4Tos") {
      Object.assign(header, { tos: hex(g[0]), ttl: dec(g[1]), length: dec(g[2]), checksum: hex(g[3]) });
      if (g[4] !== undefined) header.checksumShouldBe = hex(g[4]);
      if (g[5] !== undefined) Object.assign(header, { dscp: g[5], ecn: g[6] });
    } else if (line.token === "Ip4Fragment") {
      header.fragmentId = hex(g[0]);
      if (g[1] !== undefined) header.fragmentOffset = dec(g[1]);
      if (g[2] !== undefined) header.flags = g[2];
    }
  }
  return header;
}

export function decodeL4Block(block: SyntaxBlock): L4Header {
  const [ports, ...rest] = block.lines;
  const p = fieldsOf(ports);
  const header: L4Header = { proto: p[0] as "TCP" | "UDP", srcPort: Number(p[1]), dstPort: Number(p[2]), line: ports.line };
  for (const line of rest) {
    const g = fieldsOf(line);
    if (line.token === "TcpSeq") Object.assign(header, { seq: hex(g[0]), ack: hex(g[1]) });
    else if (line.token === "TcpFlags") {
      header.tcpFlags = hex(g[0]);
      header.tcpFlagNames = g[1].trim() === "" ? [] : g[1].trim().split(" ");
      header.tcpHeaderLength = dec(g[2]);
    } else if (line.token === "TcpWindow") Object.assign(header, { window: dec(g[0]), checksum: hex(g[1]) });
    else if (line.token === "UdpLength") Object.assign(header, { length: dec(g[0]), checksum: hex(g[1]) });
  }
  return header;
}

export function decodeIcmpLine(line: SyntaxLine): L4Header {
  const g = fieldsOf(line);
  const header: L4Header = { proto: "ICMP", icmpType: g[0], checksum: hex(g[1]), line: line.line };
  if (g[2] !== undefined) header.icmpId = Number(g[2]);
  return header;
}

export function decodeEtherLine(line: SyntaxLine): EtherHeader {
  const [type, src, dst, vlans] = fieldsOf(line);
  const header: EtherHeader = { type, src: src.toLowerCase(), dst: dst.toLowerCase(), line: line.line };
  if (vlans) header.vlans = vlans.trim().split(/ (?=802)/);
  return header;
}

const formatMac = (b: Uint8Array, at: number): string =>
  Array.from(b.subarray(at, at + 6), (x) => x.toString(16).padStart(2, "0")).join(":");
const formatIp4 = (b: Uint8Array, at: number): string => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;

export function hexToBytes(hexText: string): Uint8Array {
  const bytes = new Uint8Array(hexText.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hexText.substr(i * 2, 2), 16);
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

export function decodeHexDump(block: SyntaxBlock): HexDump {
  const text = block.lines.map((l) => fieldsOf(l)[1]).join("");
  const bytes = hexToBytes(text);
  const dump: HexDump = { bytes: text, length: bytes.length, line: block.lines[0].line };
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

function toValue(word: string): KvValue {
  if (/^-?\d+$/.test(word) && word.length < 16) return Number(word);
  if (/^0x[0-9a-fA-F]{1,12}$/.test(word)) return parseInt(word, 16);
  return word;
}

/**
 * `key value, key value` and `key value key value` lines, the shape most VPP format
 * functions use. A leading `Label:` (e.g. `PKT MBUF:`) is dropped; a word with no value
 * after it is a flag, kept with the value "".
 */
export function parseKeyValues(text: string, into: Record<string, KvValue> = {}): Record<string, KvValue> {
  const body = text.replace(/^[A-Za-z][\w -]*?:\s+(?=\S)/, (label) => (VALUE.test(label) ? label : ""));
  for (const part of body.split(/,\s+/)) {
    const words = part.trim().split(/\s+/).filter((w) => w !== "");
    // `colour blue` between commas is a pair even when the value is a word.
    if (words.length === 2 && !VALUE.test(words[0])) {
      addKv(into, words[0].replace(/:$/, ""), toValue(words[1]));
      continue;
    }
    for (let i = 0; i < words.length; i++) {
      const key = words[i].replace(/:$/, "");
      const next = words[i + 1];
      if (next !== undefined && VALUE.test(next) && !VALUE.test(words[i])) {
        addKv(into, key, toValue(next));
        i++;
      } else addKv(into, key, VALUE.test(words[i]) ? toValue(words[i]) : "");
    }
  }
  return into;
}

/** How many times each key was seen per kv object, so a repeated key costs O(1). */
const repeats = new WeakMap<Record<string, KvValue>, Map<string, number>>();

function addKv(into: Record<string, KvValue>, key: string, value: KvValue): void {
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
