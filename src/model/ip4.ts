/** Dotted-quad IPv4 addresses as numbers, shared by the trace views and the cluster model.
 *  A capture repeats the same few addresses on every packet: each is converted once. */

const numbers = new Map<string, number>();

export function ip4ToNumber(ip: string): number {
  let n = numbers.get(ip);
  if (n === undefined) {
    const parts = ip.split(".").map(Number);
    n = ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
    // Bounded: a scan over many addresses must not grow memory without end.
    if (numbers.size > 65536) numbers.clear();
    numbers.set(ip, n);
  }
  return n;
}

export function numberToIp4(n: number): string {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join(".");
}

export interface Prefix {
  base: number;
  length: number;
}

/** Prefixes come from a handful of cluster settings: parse each once. */
const parsedPrefixes = new Map<string, Prefix>();

export function parsePrefix(cidr: string): Prefix {
  let prefix = parsedPrefixes.get(cidr);
  if (prefix === undefined) parsedPrefixes.set(cidr, (prefix = computePrefix(cidr)));
  return prefix;
}

function computePrefix(cidr: string): Prefix {
  const [ip, len] = cidr.split("/");
  const length = Number(len);
  const mask = length === 0 ? 0 : (~0 << (32 - length)) >>> 0;
  return { base: (ip4ToNumber(ip) & mask) >>> 0, length };
}

export function inPrefix(ip: string, prefix: Prefix | string): boolean {
  const p = typeof prefix === "string" ? parsePrefix(prefix) : prefix;
  const mask = p.length === 0 ? 0 : (~0 << (32 - p.length)) >>> 0;
  return ((ip4ToNumber(ip) & mask) >>> 0) === p.base;
}

/** How far `ip` is from the start of `prefix`, when it is inside it. */
export function offsetIn(ip: string, prefix: string): number | undefined {
  return inPrefix(ip, prefix) ? ip4ToNumber(ip) - parsePrefix(prefix).base : undefined;
}

/** The `index`-th subnet of `subLength` bits inside `prefix` (Contiv: node id N → 10.1.N.0/24). */
export function subnet(prefix: string, subLength: number, index: number): string {
  const p = parsePrefix(prefix);
  const base = (p.base + ((index << (32 - subLength)) >>> 0)) >>> 0;
  return `${numberToIp4(base)}/${subLength}`;
}

/** The `offset`-th address of a prefix (1 = first unicast address). */
export function hostAddress(prefix: string, offset: number): string {
  return numberToIp4((parsePrefix(prefix).base + offset) >>> 0);
}

export const IP4_PATTERN = "^(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)$";
export const CIDR_PATTERN = "^(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)/(?:3[0-2]|[12]?\\d)$";
