/**
 * The ACL plugin's `pkt info` words: the six u64 of its fa_5tuple_t hash key, printed with
 * %016llx in host (little-endian) order, so each word shows its 8 memory bytes reversed.
 *  - v17.04–v18.01: w0–w1 src ip46 (IPv4 in the high half of w1), w2–w3 dst;
 *    w4 = sport | dport<<16 | proto(u16)<<32 | lsb sw_if_index<<48;
 *    w5 = sw_if_index | mask<<32 | tcp flags<<48 | flags<<56 (bit0 tcp flags valid,
 *    bit1 is_input, bit2 l4_valid, bit3 non-first fragment, bit4 is_ip6).
 *  - ≥ v18.04: w3 = src | dst<<32 (IPv4); w4 = sport | dport<<16 | proto<<32 |
 *    l4 flags<<40 (bit0 is_input, bit1 slow path) | lsb sw_if_index<<48;
 *    w5 = lc_index | mask<<32 | tcp flags<<48 | flags<<56 (bit0 tcp flags valid,
 *    bit1 l4_valid, bit2 non-first fragment, bit3 is_ip6).
 * Verified against the guide's traces: `0c01010a00000000` in w1 is 10.1.1.12.
 */
import type { AclTuple } from "../../model/trace.js";

/** A printed 64-bit word as its two 32-bit halves (plain numbers are cheaper than BigInt). */
interface Word {
  hi: number;
  lo: number;
}

const word = (hex: string): Word => ({ hi: parseInt(hex.slice(0, 8), 16), lo: parseInt(hex.slice(8, 16), 16) });
/** IPv4 address held in the top 32 bits of a printed little-endian word. */
const ip4High = (w: Word): string => ip4FromLe(w.hi);
const ip4Low = (w: Word): string => ip4FromLe(w.lo);
/** A u32 read little-endian from memory bytes a.b.c.d prints as 0xdcba. */
const ip4FromLe = (v: number): string => `${v & 0xff}.${(v >>> 8) & 0xff}.${(v >>> 16) & 0xff}.${(v >>> 24) & 0xff}`;
/** `width` bits from bit `from`; every field of the key lies within one half of its word. */
function bits(w: Word, from: number, width: number): number {
  const half = from >= 32 ? w.hi : w.lo;
  const shifted = half >>> from % 32;
  return width === 32 ? shifted : shifted & ((1 << width) - 1);
}

export function decodePktInfo(words: string[], layout: "v17.04" | "v18.04" | "guess"): AclTuple | null {
  const w = words.map(word);
  const isZero = (x: Word): boolean => x.hi === 0 && x.lo === 0;
  const effective = layout === "guess" ? (!isZero(w[1]) || isZero(w[3]) ? "v17.04" : "v18.04") : layout;
  return effective === "v17.04" ? decode1704(w) : decode1804(w);
}

function decode1704(w: Word[]): AclTuple | null {
  const flags = bits(w[5], 56, 8);
  if (flags & 0x10) return null; // IPv6: not decoded into an IPv4 tuple
  return {
    src: ip4High(w[1]),
    dst: ip4High(w[3]),
    srcPort: bits(w[4], 0, 16),
    dstPort: bits(w[4], 16, 16),
    proto: bits(w[4], 32, 16),
    swIfIndex: bits(w[5], 0, 32),
    tcpFlags: bits(w[5], 48, 8),
    tcpFlagsValid: (flags & 0x01) !== 0,
    isInput: (flags & 0x02) !== 0,
    l4Valid: (flags & 0x04) !== 0,
  };
}

function decode1804(w: Word[]): AclTuple | null {
  const flags = bits(w[5], 56, 8);
  if (flags & 0x08) return null;
  const l4Flags = bits(w[4], 40, 8);
  return {
    src: ip4Low(w[3]),
    dst: ip4High(w[3]),
    srcPort: bits(w[4], 0, 16),
    dstPort: bits(w[4], 16, 16),
    proto: bits(w[4], 32, 8),
    swIfIndex: bits(w[4], 48, 16),
    lcIndex: bits(w[5], 0, 32),
    tcpFlags: bits(w[5], 48, 8),
    tcpFlagsValid: (flags & 0x01) !== 0,
    l4Valid: (flags & 0x02) !== 0,
    isInput: (l4Flags & 0x01) !== 0,
    isSlowPath: (l4Flags & 0x02) !== 0,
  };
}
