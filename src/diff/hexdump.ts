/**
 * A hex dump's bytes as the diff compares them: the bytes decoded into fields of their own
 * (`hexdump.ether.*`, `hexdump.ip4.*`: MACs, EtherType, the outer IPv4 header), which are
 * compared as fields, named, and the bytes a re-capture changes by itself set aside — in
 * each IPv4 header the identification and checksum, in its TCP or UDP header the
 * ports (compared through the decoded `hexdump.ip4.srcPort`/`dstPort`, one mapping per
 * connection), TCP's sequence and acknowledgement numbers, checksum and options (timestamps),
 * UDP's checksum — and, inside a VXLAN packet, the inner Ethernet frame's headers the same
 * way; in an ICMP echo, its checksum, identifier, sequence number and ping's timestamp.
 * Everything else (addresses, TTL, protocol, lengths, flags, MACs, VNI) stays compared.
 * Offsets are RFC 791's, RFC 9293's, RFC 768's and RFC 7348's.
 */

const ETHERTYPE_IP4 = 0x0800;
const ETHER_HEADER = 14;
const ICMP = 1;
const PING_TIMESTAMP = 16;
const TCP = 6;
const UDP = 17;
const VXLAN_PORT = 4789;
const VXLAN_HEADER = 8;
const UDP_HEADER = 8;
const IP4_HEADER = 20;

/** Where the IPv4 header fields a user may leave out (`--ignore ttl`) stand: offset, length. */
const IP4_FIELDS: Record<string, [number, number]> = { tos: [1, 1], length: [2, 2], flagsOffset: [6, 2], ttl: [8, 1], protocol: [9, 1], src: [12, 4], dst: [16, 4] };

/** `bytes` (hex) with the volatile bytes of the IPv4 packet at `offset` (and of a VXLAN
 *  packet's inner frame) replaced by `..`, and those of the header fields `ignored` names. */
export function withoutVolatileBytes(bytes: string, offset: number | undefined, ignored: (field: string) => boolean = () => false): string {
  if (offset === undefined) return bytes;
  const out = bytes.split("");
  blankIp4(bytes, offset, out);
  for (const [field, [at, length]] of Object.entries(IP4_FIELDS)) if (ignored(field)) blank(out, offset + at, length);
  // Decoded and compared as fields: the Ethernet header before the packet and its IPv4 header.
  if (offset >= ETHER_HEADER) blank(out, offset - ETHER_HEADER, ETHER_HEADER);
  blank(out, offset, IP4_HEADER);
  return out.join("");
}

const byte = (hex: string, at: number): number | undefined => {
  const v = Number.parseInt(hex.slice(at * 2, at * 2 + 2), 16);
  return Number.isNaN(v) || hex.length < at * 2 + 2 ? undefined : v;
};
const word = (hex: string, at: number): number | undefined => {
  const hi = byte(hex, at);
  const lo = byte(hex, at + 1);
  return hi === undefined || lo === undefined ? undefined : (hi << 8) | lo;
};

function blank(out: string[], from: number, length: number): void {
  for (let i = from * 2; i < Math.min(out.length, (from + length) * 2); i++) out[i] = ".";
}

function blankIp4(hex: string, ip: number, out: string[]): void {
  const first = byte(hex, ip);
  if (first === undefined || first >> 4 !== 4) return;
  const l4 = ip + (first & 0x0f) * 4;
  blank(out, ip + 4, 2); // identification
  blank(out, ip + 10, 2); // header checksum
  const protocol = byte(hex, ip + 9);
  if (protocol === TCP) {
    const dataOffset = byte(hex, l4 + 12);
    blank(out, l4, 12); // ports, sequence and acknowledgement numbers
    blank(out, l4 + 16, 2); // checksum
    if (dataOffset !== undefined) blank(out, l4 + 20, (dataOffset >> 4) * 4 - 20); // options
  } else if (protocol === ICMP) {
    // An echo's checksum, identifier and sequence number, then the sender's timestamp that
    // Linux ping puts first in the payload (a struct timeval, 16 bytes).
    blank(out, l4 + 2, 6 + PING_TIMESTAMP);
  } else if (protocol === UDP) {
    const dstPort = word(hex, l4 + 2);
    blank(out, l4 + 6, 2); // checksum
    if (dstPort === VXLAN_PORT) {
      blank(out, l4, 2); // the source port: a hash of the inner flow
      const inner = l4 + UDP_HEADER + VXLAN_HEADER;
      if (word(hex, inner + 12) === ETHERTYPE_IP4) blankIp4(hex, inner + ETHER_HEADER, out);
    } else blank(out, l4, 4);
  }
}
