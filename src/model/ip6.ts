/**
 * IPv6 addresses as text: read in any of their spellings, written as VPP's
 * format_ip6_address writes them (src/vnet/ip/ip6_format.c: lower-case groups without
 * leading zeros, the longest run of two or more zero groups — the first of equal runs —
 * as `::`), so that an address a user types compares equal to the one a trace printed.
 */

/** The eight 16-bit groups of an address, or null when the text is not one. */
export function parseIp6(text: string): number[] | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length > 45) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (part: string): number[] | null => {
    if (part === "") return [];
    const out: number[] = [];
    const words = part.split(":");
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (i === words.length - 1 && w.includes(".")) {
        const quad = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(w);
        if (quad === null || quad.slice(1).some((b) => Number(b) > 255)) return null;
        out.push((Number(quad[1]) << 8) | Number(quad[2]), (Number(quad[3]) << 8) | Number(quad[4]));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(w)) out.push(parseInt(w, 16));
      else return null;
    }
    return out;
  };
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (head === null || tail === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const zeros = 8 - head.length - tail.length;
  return zeros < 1 ? null : [...head, ...new Array<number>(zeros).fill(0), ...tail];
}

/** The groups written as VPP writes them. */
export function formatIp6(groups: ArrayLike<number>): string {
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number): string => Array.from({ length: to - from }, (_, k) => groups[from + k].toString(16)).join(":");
  return best === -1 ? hex(0, 8) : `${hex(0, best)}::${hex(best + bestLength, 8)}`;
}

/** `text` in VPP's spelling, or null when it is no IPv6 address. */
export function normalizeIp6(text: string): string | null {
  const groups = parseIp6(text);
  return groups === null ? null : formatIp6(groups);
}

export interface Prefix6 {
  groups: number[];
  length: number;
}

/** `2001:db8::/32`, or null. */
export function parsePrefix6(text: string): Prefix6 | null {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (m === null || Number(m[2]) > 128) return null;
  const groups = parseIp6(m[1]);
  return groups === null ? null : { groups, length: Number(m[2]) };
}

export function inPrefix6(address: string, prefix: Prefix6): boolean {
  const groups = parseIp6(address);
  if (groups === null) return false;
  for (let bit = 0; bit < prefix.length; bit += 16) {
    const width = Math.min(16, prefix.length - bit);
    const mask = (0xffff << (16 - width)) & 0xffff;
    if ((groups[bit >> 4] & mask) !== (prefix.groups[bit >> 4] & mask)) return false;
  }
  return true;
}
