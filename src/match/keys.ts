/**
 * Keys of the bounded tables (connections, sightings, the cross-node index), which hold
 * tens of thousands of them on a long capture: an IPv4 address and port pair packed into one
 * character per byte. Such a key is a string of its own, built whole by
 * `String.fromCharCode` (never a slice of the parsed piece), and a fifth the size of its
 * text copied out of the piece: `6|10.1.1.3:41234>10.1.2.4:8080` took a 40-character copy
 * plus the slice that pointed into it.
 *
 * Packing is one-to-one for addresses written as VPP writes them (four decimal bytes, no
 * leading zero); anything else keeps its text form, which starts with a printable
 * character, while a packed key starts with a control character: the two never meet.
 */
import { own } from "../model/own.js";

/** The four bytes of a dotted-quad address as VPP prints it, pushed onto `codes`; false,
 *  with `codes` left as it was, for any other text. */
function pushAddress(ip: string, codes: number[]): boolean {
  const start = codes.length;
  let octet = 0;
  let digits = 0;
  for (let i = 0; i <= ip.length; i++) {
    const c = i < ip.length ? ip.charCodeAt(i) : 46; // a '.' after the last byte
    if (c >= 48 && c <= 57) {
      // "010" would pack as "10" does: not the same text, so not the same key.
      if (digits === 1 && octet === 0) break;
      octet = octet * 10 + (c - 48);
      digits++;
      if (octet > 255) break;
    } else if (c === 46 && digits > 0 && codes.length - start < 4) {
      codes.push(octet);
      octet = 0;
      digits = 0;
    } else break;
    if (i === ip.length) return codes.length - start === 4;
  }
  codes.length = start;
  return false;
}

const isWord = (n: number | undefined, max: number): n is number => Number.isInteger(n) && n! >= 0 && n! <= max;

/** An address and port as six character codes pushed onto `codes`; false for any other form. */
function pushEnd(ip: string, port: number, codes: number[]): boolean {
  if (!isWord(port, 0xffff) || !pushAddress(ip, codes)) return false;
  codes.push(port >> 8, port & 0xff);
  return true;
}

/** The key of a connection direction, `proto` from `a` to `b`. */
export function pairKey(proto: number, a: { ip: string; port: number }, b: { ip: string; port: number }): string {
  const codes = [proto & 0x1f];
  if (isWord(proto, 0x1f) && pushEnd(a.ip, a.port, codes) && pushEnd(b.ip, b.port, codes)) return String.fromCharCode(...codes);
  return `${proto}|${a.ip}:${a.port}>${b.ip}:${b.port}`;
}

/** The key of an address and port source NAT gave, for `proto`. */
export function endKey(proto: number, end: { ip: string; port: number }): string {
  const codes = [proto & 0x1f];
  if (isWord(proto, 0x1f) && pushEnd(end.ip, end.port, codes)) return String.fromCharCode(...codes);
  return `${proto}|${end.ip}:${end.port}`;
}

/** What identifies one packet on both nodes: its direction, its inner ends, IP id and TCP
 *  sequence number (either may be absent). */
export interface CrossNodeId {
  request: boolean;
  src: string;
  srcPort: number | undefined;
  dst: string;
  dstPort: number | undefined;
  fragmentId: number | undefined;
  seq: number | undefined;
}

/** The key of a packet in the cross-node index. The first character says which parts
 *  follow: bit 0 request, bit 2 an IP id (two characters), bit 3 a sequence number (four). */
export function crossNodeKey(id: CrossNodeId): string {
  const codes = [(id.request ? 1 : 2) | (id.fragmentId === undefined ? 0 : 4) | (id.seq === undefined ? 0 : 8)];
  const packed =
    pushEnd(id.src, id.srcPort!, codes) &&
    pushEnd(id.dst, id.dstPort!, codes) &&
    (id.fragmentId === undefined || (isWord(id.fragmentId, 0xffff) && codes.push(id.fragmentId >> 8, id.fragmentId & 0xff) > 0)) &&
    (id.seq === undefined || (isWord(id.seq, 0xffffffff) && codes.push(id.seq >>> 24, (id.seq >>> 16) & 0xff, (id.seq >>> 8) & 0xff, id.seq & 0xff) > 0));
  if (packed) return String.fromCharCode(...codes);
  return `${id.request ? "q" : "r"}${id.src}:${id.srcPort}>${id.dst}:${id.dstPort}#${id.fragmentId}#${id.seq ?? "-"}`;
}

/** A key to keep in a table: a packed key is its own string already; a text key is copied
 *  out of the piece it was built from. */
export const keptKey = (key: string): string => (key.charCodeAt(0) < 32 ? key : own(key));
