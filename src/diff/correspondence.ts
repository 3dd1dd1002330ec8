/**
 * The one mapping of volatile values (src/diff/volatile.ts) from A to B that a whole diff
 * keeps: the first pair of packets that shows a connection's client port, IP ID or sequence
 * numbers fixes what A's value stands for in B; every later pair must agree, or the value is
 * a difference. `translate` gives, for one pair, A's volatile values in B's terms.
 */
import type { NodeRecord, Packet } from "../model/trace.js";
import { flattenRecord } from "./flatten.js";
import type { PacketIdentity } from "./identity.js";
import { ADDRESS_PORT, volatileClass, type VolatileClass } from "./volatile.js";

/** A's values of one class in B's terms, for one pair of packets; absent: compare as is. */
export type Translation = Map<VolatileClass, Map<string, string>>;

const VXLAN_PORT = 4789;
const U32 = 2 ** 32;
/** TCP's ACK flag: without it the acknowledgement field means nothing (VPP prints 0). */
const TCP_ACK = 0x10;

/** The values of one class in a packet, in order of first appearance. */
type Seen = Map<VolatileClass, string[]>;

function add(seen: Seen, cls: VolatileClass, value: string): void {
  const list = seen.get(cls);
  if (list === undefined) seen.set(cls, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** The client's port in an L4 header of this packet: the source when the client sent it.
 *  A VXLAN outer header (to or from 4789) holds no client port. */
function clientPort(holder: Record<string, unknown>, clientIsSrc: boolean): number | undefined {
  const { srcPort, dstPort } = holder as { srcPort?: unknown; dstPort?: unknown };
  if (typeof srcPort !== "number" || typeof dstPort !== "number" || srcPort === VXLAN_PORT || dstPort === VXLAN_PORT) return undefined;
  return clientIsSrc ? srcPort : dstPort;
}

/** Every object holding a `srcPort`/`dstPort` pair in a record's fields. */
function portHolders(value: unknown, out: Record<string, unknown>[]): void {
  if (value === null || typeof value !== "object") return;
  const o = value as Record<string, unknown>;
  if ("srcPort" in o && "dstPort" in o) out.push(o);
  for (const v of Object.values(o)) if (typeof v === "object") portHolders(v, out);
}

function collect(records: NodeRecord[], id: PacketIdentity): Seen {
  const seen: Seen = new Map();
  for (const record of records) {
    const holders: Record<string, unknown>[] = [];
    portHolders(record.fields, holders);
    for (const h of holders) {
      const port = clientPort(h, id.clientIsSrc);
      if (port !== undefined) add(seen, "port", String(port));
    }
    // A ping's identifier is what NAT44 keys it by: its "client port" (src/forwarder/icmp.ts).
    const icmpId = record.fields.l4?.proto === "ICMP" ? record.fields.l4.icmpId : undefined;
    if (icmpId !== undefined) add(seen, "port", String(icmpId));
    const acked = ((record.fields.l4?.tcpFlags ?? 0) & TCP_ACK) !== 0;
    for (const [path, value] of flattenRecord(record)) {
      const cls = volatileClass(path, value);
      if (cls === "ipId" || cls === "seq" || cls === "buffer" || cls === "traceHandle" || cls === "natSession" || cls === "natKeySession") add(seen, cls, String(value));
      else if (cls === "ack" && acked) add(seen, cls, String(value));
    }
  }
  return seen;
}

/** Where a class's mapping holds: per connection (and sender), or over the whole diff. */
function scopeOf(cls: VolatileClass, id: PacketIdentity): string {
  const sender = id.clientIsSrc ? "client" : "server";
  const other = id.clientIsSrc ? "server" : "client";
  if (cls === "port") return `port ${id.connection}`;
  if (cls === "ipId") return `ipId ${id.connection} ${sender}`;
  // An ACK acknowledges the other sender's sequence numbers: the same offset.
  if (cls === "seq") return `seq ${id.connection} ${sender}`;
  if (cls === "ack") return `seq ${id.connection} ${other}`;
  return cls;
}

const isOffset = (cls: VolatileClass): boolean => cls === "seq" || cls === "ack";

export class Correspondence {
  /** A → B and B → A per scope: one-to-one. */
  private readonly forward = new Map<string, Map<string, string>>();
  private readonly backward = new Map<string, Map<string, string>>();
  /** Sequence-number offsets (B − A mod 2³²) per connection and sender. */
  private readonly offsets = new Map<string, number>();

  /** A's values in B's terms for this pair, as far as they agree with every pair before. */
  translate(a: Packet, idA: PacketIdentity, b: Packet, idB: PacketIdentity): Translation {
    const seenA = collect(a.records, idA);
    const seenB = collect(b.records, idB);
    const translation: Translation = new Map();
    for (const [cls, valuesA] of seenA) {
      const valuesB = seenB.get(cls) ?? [];
      const scope = scopeOf(cls, idA);
      const map = new Map<string, string>();
      valuesA.forEach((va, i) => {
        const vb = valuesB[i];
        if (vb !== undefined && this.agree(cls, scope, va, vb)) map.set(va, vb);
      });
      if (isOffset(cls)) this.offsetAll(scope, valuesA, map);
      translation.set(cls, map);
    }
    return translation;
  }

  private agree(cls: VolatileClass, scope: string, va: string, vb: string): boolean {
    if (cls === "natSession" && (Number(va) < 0 || Number(vb) < 0)) return va === vb;
    if (isOffset(cls)) {
      const offset = (Number(vb) - Number(va) + U32) % U32;
      const known = this.offsets.get(scope);
      if (known === undefined) this.offsets.set(scope, offset);
      return known === undefined || known === offset;
    }
    let f = this.forward.get(scope);
    let r = this.backward.get(scope);
    if (f === undefined || r === undefined) {
      this.forward.set(scope, (f = new Map()));
      this.backward.set(scope, (r = new Map()));
    }
    const knownB = f.get(va);
    const knownA = r.get(vb);
    if (knownB === undefined && knownA === undefined) {
      f.set(va, vb);
      r.set(vb, va);
      return true;
    }
    return knownB === vb && knownA === va;
  }

  /** Every sequence number of A moved by its sender's offset, once one is known. */
  private offsetAll(scope: string, valuesA: string[], map: Map<string, string>): void {
    const offset = this.offsets.get(scope);
    if (offset === undefined) return;
    for (const va of valuesA) if (!map.has(va)) map.set(va, String((Number(va) + offset) % U32));
  }
}

/** A value of A in B's terms (`10.1.1.2:56130` → `10.1.1.2:33276`), or as it is. */
export function inTermsOfB(cls: VolatileClass, value: string | number | boolean, translation: Translation): string {
  const text = String(value);
  const map = translation.get(cls);
  if (cls === "port" && typeof value === "string") {
    const m = ADDRESS_PORT.exec(value);
    const port = m === null ? undefined : map?.get(m[2]);
    return port === undefined ? text : `${m![1]}:${port}`;
  }
  return map?.get(text) ?? text;
}
