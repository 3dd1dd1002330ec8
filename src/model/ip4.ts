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
