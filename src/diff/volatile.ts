/**
 * Values a re-capture changes by itself: two runs of the same VPP with the same configuration
 * give a new client port, IP ID, TCP sequence numbers, buffer indexes, NAT session indexes and
 * clock readings. They are not left out: each is matched *consistently* between A and B — a
 * value of A stands for one value of B wherever it appears (the client port of a connection,
 * in every header, ACL tuple, NAT key and hex dump) — so a service port, an address, a TTL or
 * an ACL action that changed is still a difference.
 *
 * The classes, by the field they are read from (the last segment of a flattened path, so a
 * 26.06 decoder's `afPacket.block` is classed as the generic `kv.block` was):
 *  - `port`: a TCP/UDP port that is the client's side of its connection in this packet (the
 *    service port is compared as it is); also the `:port` of `a.b.c.d:port` NAT keys;
 *  - `ipId`, `seq`, `ack`: per connection and sender; `seq`/`ack` as one offset per sender;
 *  - `buffer`, `traceHandle`, `natSession`: one-to-one over the whole diff (a NAT session of
 *    -1, none, is compared as it is);
 *  - `clock` (TCP timestamps, af_packet `sec`/`nsec`) and `ring` (af_packet block, its
 *    address, ring sequence and packet numbers): readings of a clock and of a ring shared with
 *    whatever traffic came before; never the same twice, compared only for being there;
 *  - `checksum`: follows from the values above: compared only when none of them differed in
 *    the record; `hexdump`: the bytes compared with the volatile ones set aside
 *    (src/diff/hexdump.ts), the decoded fields through their classes.
 */

export type VolatileClass = "port" | "ipId" | "seq" | "ack" | "buffer" | "traceHandle" | "natSession" | "natKeySession" | "clock" | "ring" | "checksum" | "hexdump";

export interface VolatileEntry {
  name: VolatileClass;
  /** Field names (the last segment of a path) this class covers. */
  fields: string[];
  why: string;
}

/** One table: the classes, what they cover and why; `--help`, the README and `--ignore`'s
 *  vocabulary read it. */
export const VOLATILE: VolatileEntry[] = [
  { name: "port", fields: ["srcPort", "dstPort", "localPort", "remotePort", "sport", "dport", "local", "remote", "icmpId"], why: "the client's (ephemeral) port of each connection, and its NAT translation, matched one-to-one per connection; a ping's identifier likewise" },
  { name: "ipId", fields: ["fragmentId"], why: "the IPv4 identification, matched one-to-one per connection and sender" },
  { name: "seq", fields: ["seq"], why: "TCP sequence numbers: one offset per connection and sender" },
  { name: "ack", fields: ["ack"], why: "TCP acknowledgement numbers: the offset of the other sender's sequence numbers" },
  { name: "buffer", fields: ["index", "bufferIndex"], why: "buffer indexes, matched one-to-one" },
  { name: "traceHandle", fields: ["trace", "traceHandle"], why: "trace handles (0xTTIIIIII: thread and trace index), matched one-to-one" },
  { name: "natSession", fields: ["session"], why: "NAT session indexes, matched one-to-one (-1, no session, compared as it is)" },
  { name: "natKeySession", fields: ["sessionIndex", "session-index"], why: "the session index of a NAT44-ED search key, matched one-to-one" },
  { name: "clock", fields: ["timestamp", "tsval", "tsecr", "sec", "nsec", "phys_addr", "data_off", "physAddr", "dataOff"], why: "clock readings (TCP timestamps, af_packet times) and buffer addresses: never the same twice, compared for being there" },
  { name: "ring", fields: ["block", "number", "address", "blockAddress", "seq_num", "seqNum", "pkt_num", "pktNum"], why: "af_packet ring blocks, their addresses and ring positions, shared with the traffic before: compared for being there" },
  { name: "checksum", fields: ["checksum"], why: "checksums, compared unless a volatile value they cover changed in the record" },
  { name: "hexdump", fields: ["bytes", "data"], why: "hex dump bytes (and l2-output's data bytes), compared with the volatile ones (IP ID, checksums, ports, sequence numbers, TCP options) set aside" },
];

/** A field's class by the last segment of its path. */
const BY_FIELD = new Map<string, VolatileClass>(VOLATILE.flatMap((e) => e.fields.map((f) => [f, e.name] as const)));

/** Where a field name means something else than the class's value. */
const OWNERS: Partial<Record<VolatileClass, RegExp>> = {
  buffer: /(?:^|\.)buffer\.index$|bufferIndex$/,
  traceHandle: /(?:^|\.)buffer\.trace$|traceHandle$/,
  natSession: /(?:^|\.)nat\.session$/,
  seq: /(?:^|\.)l4\.seq$|(?:^|\.)tcp\.seq$/,
  ack: /(?:^|\.)l4\.ack$|(?:^|\.)tcp\.ack$/,
  hexdump: /(?:^|\.)hexdump\.bytes$|(?:^|\.)l2\.data$/,
  // VPP 26.06's af_packet block (`block 1: address 0x7fca… version 2 seq_num 2 pkt_num 0`).
  ring: /(?:^|\.)(?:afPacket\.block\.(?:number|address|seqNum|pktNum)|kv\.(?:block|address|seq_num|pkt_num))$/,
};

/** VPP 26.06's TCP options printer puts the timestamp where the window scale goes
 *  (`window scale 506582608, timestamp 506582608`): a scale above RFC 7323's 14 is that. */
const MAX_WINDOW_SCALE = 14;

export function volatileClass(path: string, value: string | number | boolean | undefined): VolatileClass | undefined {
  const last = path.slice(path.lastIndexOf(".") + 1);
  if (last === "scale" || last === "windowScale") return typeof value === "number" && (value < 0 || value > MAX_WINDOW_SCALE) ? "clock" : undefined;
  const cls = BY_FIELD.get(last);
  if (cls === undefined) return undefined;
  // `tcpOptions.timestamp: true` says the option is there: that is compared.
  if (cls === "clock" && typeof value === "boolean") return undefined;
  if ((last === "local" || last === "remote") && !(typeof value === "string" && ADDRESS_PORT.test(value))) return undefined;
  const owner = OWNERS[cls];
  return owner === undefined || owner.test(path) ? cls : undefined;
}

/** `10.1.1.2:56130`, a NAT key's side. */
export const ADDRESS_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/;

/** The class names and every field name the classes cover: what `--ignore` also accepts. */
export const VOLATILE_NAMES: readonly string[] = VOLATILE.flatMap((e) => [e.name, ...e.fields]);
