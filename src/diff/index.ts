/**
 * Diff of two traces: packets aligned by flow and direction (then by order within a flow),
 * records aligned by a longest common subsequence of node names, fields compared under the
 * mask, volatile values (client ports, IP IDs, sequence numbers, buffer and session indexes)
 * through one A → B correspondence kept for the whole diff. Packets left over on both sides
 * are paired by their flow without the client's port (a re-capture), then in order and
 * compared by role.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { DiffResult, NodeDiff, PacketDiff, RecordRef } from "../model/diff.js";
import type { NodeRecord, Packet } from "../model/trace.js";
import { own } from "../model/own.js";
import { packetRef } from "../model/ref.js";
import { compareRecords } from "./compare.js";
import { Correspondence } from "./correspondence.js";
import { ConnectionSides, endpointSymbols, packetIdentity, type PacketIdentity } from "./identity.js";
import { alignSequences } from "./lcs.js";
import { buildMask, type DiffOptions, type Mask } from "./mask.js";

export { DEFAULT_MASK, type DiffOptions } from "./mask.js";
export { VOLATILE } from "./volatile.js";

interface Side {
  packet: Packet;
  id: PacketIdentity;
}

const recordRef = (r: NodeRecord): RecordRef => ({ node: r.node, file: r.file, line: r.line });
/** `tap8-output` and `tap4-output` hold the same place in a path: the interface is a field. */
const place = (node: string): string => node.replace(/^(?!interface-).+-(output|tx)$/, "<if>-$1");

/** Packets left after pairing by exact flow: paired by flow without the client's port,
 *  then by the client's address (the server's address or port changed: named as such),
 *  then by direction alone (different flows: endpoints compared by role), in A's order;
 *  what is left of B comes last. Each key has a queue of B's positions, so pairing costs
 *  time in proportion to the packets, not their product. */
function pairLeftovers<T extends Loose>(a: T[], b: T[]): [T | undefined, T | undefined, boolean][] {
  const pairs: [T | undefined, T | undefined, boolean][] = [];
  const taken = new Uint8Array(b.length);
  const take = (side: T, queues: Map<string, Queue>, key: (s: T) => string): T | undefined => {
    const queue = queues.get(key(side));
    while (queue !== undefined && queue.next < queue.positions.length) {
      const i = queue.positions[queue.next++];
      if (taken[i] === 0) {
        taken[i] = 1;
        return b[i];
      }
    }
    return undefined;
  };
  let stillA = a;
  for (const key of [(s: T) => s.looseKey, (s: T) => s.clientKey]) {
    const queues = queuesBy(b, key);
    const left: T[] = [];
    for (const side of stillA) {
      const match = take(side, queues, key);
      if (match) pairs.push([side, match, false]);
      else left.push(side);
    }
    stillA = left;
  }
  const byDirection = queuesBy(b, (s) => s.direction);
  for (const side of stillA) {
    const match = take(side, byDirection, (s) => s.direction);
    pairs.push(match ? [side, match, true] : [side, undefined, false]);
  }
  b.forEach((side, i) => taken[i] === 0 && pairs.push([undefined, side, false]));
  return pairs;
}

/** What loose pairing looks at. */
interface Loose {
  looseKey: string;
  clientKey: string;
  direction: string;
}

interface Queue {
  positions: number[];
  /** The first position not looked at yet. */
  next: number;
}

/** Positions of `sides` by key, in order. */
function queuesBy<T>(sides: T[], key: (s: T) => string): Map<string, Queue> {
  const queues = new Map<string, Queue>();
  sides.forEach((side, i) => {
    const k = key(side);
    const queue = queues.get(k);
    if (queue === undefined) queues.set(k, { positions: [i], next: 0 });
    else queue.positions.push(i);
  });
  return queues;
}

function diffPair(a: Side, b: Side, crossFlow: boolean, mask: Mask, correspondence: Correspondence): PacketDiff {
  const symbols = crossFlow ? { a: endpointSymbols(a.packet, a.id), b: endpointSymbols(b.packet, b.id) } : undefined;
  const translation = crossFlow || !mask.matchVolatile ? undefined : correspondence.translate(a.packet, a.id, b.packet, b.id);
  const ra = a.packet.records;
  const rb = b.packet.records;
  let volatile = false;
  const nodes: NodeDiff[] = alignSequences(ra.map((r) => place(r.node)), rb.map((r) => place(r.node))).map((step) => {
    if (step.a === undefined) return { kind: "only-b", b: recordRef(rb[step.b]), changes: [] };
    if (step.b === undefined) return { kind: "only-a", a: recordRef(ra[step.a]), changes: [] };
    const { changes, volatile: differs } = compareRecords(ra[step.a], rb[step.b], mask, symbols, translation);
    volatile ||= differs;
    return { kind: changes.length === 0 ? "same" : "changed", a: recordRef(ra[step.a]), b: recordRef(rb[step.b]), changes };
  });
  const different = nodes.some((n) => n.kind !== "same");
  const unreadable = unreadableSide(a.packet, b.packet);
  return {
    status: different || unreadable !== undefined ? "different" : volatile ? "equivalent" : "identical",
    flow: crossFlow ? `${a.id.key} ≈ ${b.id.key}` : a.id.key,
    direction: a.id.direction,
    a: packetRef(a.packet),
    b: packetRef(b.packet),
    crossFlow,
    nodes,
    firstDivergence: unreadable ?? firstDivergence(nodes),
  };
}

/** A packet with a line vpptrace could not read is never the same as another: what the
 *  line held is not known (an ACL action garbled on one side, a TTL on the other). */
function unreadableSide(a: Packet, b: Packet): string | undefined {
  const sides = [a.incomplete ? `A (${a.file}:${a.line})` : "", b.incomplete ? `B (${b.file}:${b.line})` : ""].filter(Boolean);
  return sides.length === 0 ? undefined : `a record of ${sides.join(" and ")} has a line that could not be read (see the warnings): not compared as equal`;
}

export function describeNodeDiff(n: NodeDiff): string {
  if (n.kind === "only-a") return `${n.a!.node} only in A (${n.a!.file}:${n.a!.line})`;
  if (n.kind === "only-b") return `${n.b!.node} only in B (${n.b!.file}:${n.b!.line})`;
  const name = n.a!.node === n.b!.node ? n.a!.node : `${n.a!.node} / ${n.b!.node}`;
  return `${name}: ${n.changes.map((c) => `${c.field} ${c.a} → ${c.b}`).join(", ")}`;
}

function firstDivergence(nodes: NodeDiff[]): string | undefined {
  const first = nodes.find((n) => n.kind !== "same");
  return first === undefined ? undefined : describeNodeDiff(first);
}

/** A packet waiting for its partner, held as its JSON text compressed: a trace's packets as
 *  objects took ~12 times the memory of the trace (`diff big big` on 150 MB reached 1.8 GB),
 *  their JSON twice it, deflated (PacketStore) a sixth of it. Only a packet that finds its
 *  partner is rebuilt. */
interface Held {
  /** The slab its bytes are in, from `start`, `length` of them. */
  slab: Buffer;
  start: number;
  length: number;
  /** What the bytes were deflated against; none while the dictionary was being gathered. */
  dictionary: Buffer | undefined;
  looseKey: string;
  clientKey: string;
  direction: PacketIdentity["direction"];
  /** The side of its connection the packet came from, as decided when it was read. */
  clientIsSrc: boolean;
}

/** Held packets' bytes are written side by side into slabs of this size: a Buffer of its
 *  own per packet cost more (its objects, its allocation) than the few hundred bytes it held.
 *  A slab is let go when the last packet in it is. */
const SLAB = 1 << 18;

/** zlib's window: a dictionary longer than this is not used. */
const WINDOW = 32 * 1024;
/** Packets held as plain JSON while the dictionary is gathered, at most. */
const GATHERING = 256;

/**
 * Packets of one trace share their keys and most of their values. The JSON of the first
 * packets of each node path (up to zlib's 32 KB window) is the dictionary every later packet
 * is deflated against: on the bench's trace a packet then takes a twelfth of its JSON, half
 * of what the first packet alone as dictionary gave, for the same CPU time (level 6 writes
 * less than level 1 spends). The packets seen while it is gathered stay plain.
 */
class PacketStore {
  private dictionary: Buffer | undefined;
  private readonly gathered: Buffer[] = [];
  private gatheredBytes = 0;
  private readonly paths = new Set<string>();
  private seen = 0;
  /** The slab being filled, and how much of it is. */
  private slab = Buffer.allocUnsafeSlow(0);
  private used = 0;

  /** One copy of each loose key: the packets of a service and direction share it. */
  private readonly looseKeys = new Map<string, string>();

  /** Holds `packet`; `id` is its identity, from which the caller takes what it keeps. */
  hold(packet: Packet, id: PacketIdentity = packetIdentity(packet)): Held {
    const json = Buffer.from(JSON.stringify(packet));
    if (this.dictionary === undefined) this.gather(packet, json);
    const bytes = this.dictionary === undefined ? json : deflateRawSync(json, { level: 6, dictionary: this.dictionary });
    const { slab, start } = this.room(bytes.length);
    slab.set(bytes, start);
    return { slab, start, length: bytes.length, dictionary: this.dictionary, looseKey: this.keptLooseKey(id.looseKey), clientKey: this.keptLooseKey(id.clientKey), direction: id.direction, clientIsSrc: id.clientIsSrc };
  }

  /** Where `length` bytes go: after the last packet's in the current slab, else at the
   *  start of a new one (of their own size when larger than a slab). */
  private room(length: number): { slab: Buffer; start: number } {
    if (this.used + length > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(Math.max(SLAB, length));
      this.used = 0;
    }
    const start = this.used;
    this.used += length;
    return { slab: this.slab, start };
  }

  /** The loose key's one kept copy: built from slices of the input text, it would keep
   *  them alive. */
  private keptLooseKey(looseKey: string): string {
    let kept = this.looseKeys.get(looseKey);
    if (kept === undefined) this.looseKeys.set((kept = own(looseKey)), kept);
    return kept;
  }

  revive(held: Held): Side {
    const bytes = held.slab.subarray(held.start, held.start + held.length);
    const json = held.dictionary === undefined ? bytes : inflateRawSync(bytes, { dictionary: held.dictionary });
    const packet = JSON.parse(json.toString()) as Packet;
    return { packet, id: packetIdentity(packet, held.clientIsSrc) };
  }

  private gather(packet: Packet, json: Buffer): void {
    const path = packet.records.map((r) => r.node).join(" ");
    if (!this.paths.has(path) && this.gatheredBytes < WINDOW) {
      this.paths.add(path);
      this.gathered.push(json);
      this.gatheredBytes += json.length;
    }
    if (++this.seen >= GATHERING || this.gatheredBytes >= WINDOW) {
      this.dictionary = Buffer.from(Buffer.concat(this.gathered).subarray(-WINDOW));
      this.gathered.length = 0;
    }
  }
}

/** The count a diff of each status adds to. */
const COUNTED_AS = { identical: "identical", equivalent: "equivalent", different: "different", "only-a": "onlyA", "only-b": "onlyB" } as const;

export interface DiffCounts {
  pairs: number;
  identical: number;
  /** Same path, only volatile values changed (matched consistently). */
  equivalent: number;
  different: number;
  onlyA: number;
  onlyB: number;
}

/**
 * A diff that takes B as it streams: all of A first, then B in batches. The n-th packet of a
 * flow and direction in B is paired with the n-th in A and compared at once, and A's copy is
 * let go; only packets that find no such partner wait for the end, where they are paired
 * more loosely. Each packet's diff goes to `emit` as soon as every A packet before it is
 * settled, in the order of the whole-trace result (pairs in A's order, then the others), so
 * that neither the records nor the result of a large diff are held.
 */
export class TraceDiffer {
  private readonly mask: Mask;
  /** A's packets by position, until each finds its partner in B. */
  private readonly a: (Held | undefined)[] = [];
  /** By flow and direction, A's first position not yet paired (-1: none) and its last. A
   *  flow's positions are chained through `nextInFlow`: most flows hold one packet each
   *  way, and an array per flow took more than the packet itself. */
  private readonly waiting = new Map<string, { next: number; last: number }>();
  /** The next A position of the same flow and direction, by position; -1 after the last. */
  private readonly nextInFlow: number[] = [];
  /** Diffs of packets paired by flow and direction, by A position, until their turn. */
  private readonly paired = new Map<number, PacketDiff>();
  /** The first A position whose diff has not been emitted. */
  private nextPosition = 0;
  private readonly unpairedB: Held[] = [];
  private readonly store = new PacketStore();
  private readingB = false;
  private readonly counts: DiffCounts = { pairs: 0, identical: 0, equivalent: 0, different: 0, onlyA: 0, onlyB: 0 };
  private readonly correspondence = new Correspondence();
  /** Which side of each connection is the client, per trace. */
  private readonly sidesA = new ConnectionSides();
  private readonly sidesB = new ConnectionSides();

  constructor(
    options: DiffOptions = {},
    private readonly emit: (diff: PacketDiff) => void = () => undefined,
  ) {
    this.mask = buildMask(options);
  }

  get masked(): string[] {
    return this.mask.describe;
  }

  /** `ignore` and `only` names that no compared field matched: a typo (`tll`) leaves out
   *  nothing and must not pass silently. Known after `finish`. */
  get unusedFieldNames(): string[] {
    return this.mask.unused();
  }

  addA(packets: Packet[]): void {
    if (this.readingB) throw new Error("TraceDiffer: all of A comes before B");
    for (const packet of packets) {
      const id = packetIdentity(packet, this.sidesA);
      const position = this.a.length;
      this.a.push(this.store.hold(packet, id));
      this.nextInFlow.push(-1);
      const key = exactKey(id);
      const flow = this.waiting.get(key);
      if (flow === undefined) this.waiting.set(own(key), { next: position, last: position });
      else {
        this.nextInFlow[flow.last] = position;
        flow.last = position;
      }
    }
  }

  addB(packets: Packet[]): void {
    this.readingB = true;
    for (const packet of packets) {
      const side = { packet, id: packetIdentity(packet, this.sidesB) };
      const flow = this.waiting.get(exactKey(side.id));
      if (flow === undefined || flow.next === -1) {
        this.unpairedB.push(this.store.hold(packet, side.id));
        continue;
      }
      const position = flow.next;
      flow.next = this.nextInFlow[position];
      this.paired.set(position, diffPair(this.store.revive(this.a[position]!), side, false, this.mask, this.correspondence));
      this.a[position] = undefined;
    }
    this.emitSettled();
  }

  /** Emits the diffs of the pairs whose A packets come before any still waiting. */
  private emitSettled(): void {
    while (this.nextPosition < this.a.length && this.a[this.nextPosition] === undefined) {
      const diff = this.paired.get(this.nextPosition);
      this.paired.delete(this.nextPosition++);
      if (diff !== undefined) this.send(diff);
    }
  }

  private send(diff: PacketDiff): void {
    if (diff.a !== undefined && diff.b !== undefined) this.counts.pairs++;
    this.counts[COUNTED_AS[diff.status]]++;
    this.emit(diff);
  }

  /** B has ended: the remaining pairs, then the packets paired loosely or alone. */
  finish(): DiffCounts {
    this.readingB = true;
    const unpairedA: Held[] = [];
    for (; this.nextPosition < this.a.length; this.nextPosition++) {
      const held = this.a[this.nextPosition];
      const diff = this.paired.get(this.nextPosition);
      if (held !== undefined) unpairedA.push(held);
      else if (diff !== undefined) this.send(diff);
    }
    this.paired.clear();
    for (const [pa, pb, cross] of pairLeftovers(unpairedA, this.unpairedB)) {
      if (pa !== undefined && pb !== undefined) this.send(diffPair(this.store.revive(pa), this.store.revive(pb), cross, this.mask, this.correspondence));
      else this.send(alone(this.store.revive((pa ?? pb)!), pa !== undefined ? "only-a" : "only-b"));
    }
    this.a.length = 0;
    this.nextInFlow.length = 0;
    this.unpairedB.length = 0;
    return { ...this.counts };
  }
}

function alone(side: Side, status: "only-a" | "only-b"): PacketDiff {
  return {
    status,
    flow: side.id.key,
    direction: side.id.direction,
    ...(status === "only-a" ? { a: packetRef(side.packet) } : { b: packetRef(side.packet) }),
    crossFlow: false,
    nodes: [],
    firstDivergence: `packet only in ${status === "only-a" ? "A" : "B"}`,
  };
}

/** Packets of one flow in one direction pair in order. */
const exactKey = (id: { key: string; direction: string }): string => `${id.key} ${id.direction}`;

/** The whole result at once, for callers that hold it anyway (the report, the library). */
export function diffTraces(a: Packet[], b: Packet[], options: DiffOptions = {}): DiffResult {
  const packets: PacketDiff[] = [];
  const differ = new TraceDiffer(options, (diff) => packets.push(diff));
  differ.addA(a);
  differ.addB(b);
  const summary = differ.finish();
  return { packets, masked: differ.masked, summary };
}
