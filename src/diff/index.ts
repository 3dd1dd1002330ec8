/**
 * Diff of two traces: packets aligned by flow and direction (then by order within a flow),
 * records aligned by a longest common subsequence of node names, fields compared under the
 * mask. Packets left over on both sides are paired in order and compared by role.
 */
import type { DiffResult, NodeDiff, PacketDiff, RecordRef } from "../model/diff.js";
import type { NodeRecord, Packet } from "../model/trace.js";
import { packetRef } from "../model/ref.js";
import { compareRecords } from "./compare.js";
import { endpointSymbols, packetIdentity, type PacketIdentity } from "./identity.js";
import { alignSequences } from "./lcs.js";
import { buildMask, type DiffOptions, type Mask } from "./mask.js";

export { DEFAULT_MASK, type DiffOptions } from "./mask.js";

interface Side {
  packet: Packet;
  id: PacketIdentity;
}

const recordRef = (r: NodeRecord): RecordRef => ({ node: r.node, file: r.file, line: r.line });
/** `tap8-output` and `tap4-output` hold the same place in a path: the interface is a field. */
const place = (node: string): string => node.replace(/^(?!interface-).+-(output|tx)$/, "<if>-$1");

/** Packets left after pairing by exact flow: paired by flow without the client's port,
 *  then by direction alone (different flows: endpoints compared by role), in A's order;
 *  what is left of B comes last. Each key has a queue of B's positions, so pairing costs
 *  time in proportion to the packets, not their product. */
function pairLeftovers(a: Side[], b: Side[]): [Side | undefined, Side | undefined, boolean][] {
  const pairs: [Side | undefined, Side | undefined, boolean][] = [];
  const taken = new Uint8Array(b.length);
  const take = (side: Side, queues: Map<string, Queue>, key: (s: Side) => string): Side | undefined => {
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
  const byLooseKey = queuesBy(b, (s) => s.id.looseKey);
  const stillA: Side[] = [];
  for (const side of a) {
    const match = take(side, byLooseKey, (s) => s.id.looseKey);
    if (match) pairs.push([side, match, false]);
    else stillA.push(side);
  }
  const byDirection = queuesBy(b, (s) => s.id.direction);
  for (const side of stillA) {
    const match = take(side, byDirection, (s) => s.id.direction);
    pairs.push(match ? [side, match, true] : [side, undefined, false]);
  }
  b.forEach((side, i) => taken[i] === 0 && pairs.push([undefined, side, false]));
  return pairs;
}

interface Queue {
  positions: number[];
  /** The first position not looked at yet. */
  next: number;
}

/** Positions of `sides` by key, in order. */
function queuesBy(sides: Side[], key: (s: Side) => string): Map<string, Queue> {
  const queues = new Map<string, Queue>();
  sides.forEach((side, i) => {
    const k = key(side);
    const queue = queues.get(k);
    if (queue === undefined) queues.set(k, { positions: [i], next: 0 });
    else queue.positions.push(i);
  });
  return queues;
}

function diffPair(a: Side, b: Side, crossFlow: boolean, mask: Mask): PacketDiff {
  const symbols = crossFlow ? { a: endpointSymbols(a.packet, a.id), b: endpointSymbols(b.packet, b.id) } : undefined;
  const ra = a.packet.records;
  const rb = b.packet.records;
  const nodes: NodeDiff[] = alignSequences(ra.map((r) => place(r.node)), rb.map((r) => place(r.node))).map((step) => {
    if (step.a === undefined) return { kind: "only-b", b: recordRef(rb[step.b]), changes: [] };
    if (step.b === undefined) return { kind: "only-a", a: recordRef(ra[step.a]), changes: [] };
    const changes = compareRecords(ra[step.a], rb[step.b], mask, symbols);
    return { kind: changes.length === 0 ? "same" : "changed", a: recordRef(ra[step.a]), b: recordRef(rb[step.b]), changes };
  });
  const different = nodes.some((n) => n.kind !== "same");
  return {
    status: different ? "different" : "identical",
    flow: crossFlow ? `${a.id.key} ≈ ${b.id.key}` : a.id.key,
    direction: a.id.direction,
    a: packetRef(a.packet),
    b: packetRef(b.packet),
    crossFlow,
    nodes,
    firstDivergence: firstDivergence(nodes),
  };
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

/**
 * A diff that takes B as it streams: all of A first, then B in batches. The n-th packet of a
 * flow and direction in B is paired with the n-th in A and compared at once, and both are
 * let go; only packets that find no such partner wait for the end, where they are paired
 * more loosely. Memory holds A's unpaired packets, not both traces.
 */
export class TraceDiffer {
  private readonly mask: Mask;
  /** A's packets by position; emptied as each finds its partner in B. */
  private readonly a: (Side | undefined)[] = [];
  /** A's positions by flow and direction, in order, and how many of them are paired. */
  private readonly waiting = new Map<string, { positions: number[]; paired: number }>();
  /** Diffs of the packets paired by flow and direction, by A position. */
  private readonly paired = new Map<number, PacketDiff>();
  private readonly unpairedB: Side[] = [];
  private readingB = false;

  constructor(options: DiffOptions = {}) {
    this.mask = buildMask(options);
  }

  addA(packets: Packet[]): void {
    if (this.readingB) throw new Error("TraceDiffer: all of A comes before B");
    for (const packet of packets) {
      const side = { packet, id: packetIdentity(packet) };
      const key = exactKey(side);
      let queue = this.waiting.get(key);
      if (queue === undefined) this.waiting.set(key, (queue = { positions: [], paired: 0 }));
      queue.positions.push(this.a.length);
      this.a.push(side);
    }
  }

  addB(packets: Packet[]): void {
    this.readingB = true;
    for (const packet of packets) {
      const side = { packet, id: packetIdentity(packet) };
      const queue = this.waiting.get(exactKey(side));
      if (queue === undefined || queue.paired === queue.positions.length) {
        this.unpairedB.push(side);
        continue;
      }
      const position = queue.positions[queue.paired++];
      this.paired.set(position, diffPair(this.a[position]!, side, false, this.mask));
      this.a[position] = undefined;
    }
  }

  result(): DiffResult {
    const first = [...this.paired.entries()].sort(([x], [y]) => x - y).map(([, diff]) => diff);
    const unpairedA = this.a.filter((side): side is Side => side !== undefined);
    const later = pairLeftovers(unpairedA, this.unpairedB).map(([pa, pb, cross]) => {
      if (pa !== undefined && pb !== undefined) return diffPair(pa, pb, cross, this.mask);
      const only = (pa ?? pb)!;
      return {
        status: pa !== undefined ? "only-a" : "only-b",
        flow: only.id.key,
        direction: only.id.direction,
        ...(pa !== undefined ? { a: packetRef(pa.packet) } : { b: packetRef(pb!.packet) }),
        crossFlow: false,
        nodes: [],
        firstDivergence: `packet only in ${pa !== undefined ? "A" : "B"}`,
      } satisfies PacketDiff;
    });
    const packets = [...first, ...later];
    const count = (s: PacketDiff["status"]): number => packets.filter((p) => p.status === s).length;
    return {
      packets,
      masked: this.mask.describe,
      summary: { pairs: packets.filter((p) => p.a && p.b).length, identical: count("identical"), different: count("different"), onlyA: count("only-a"), onlyB: count("only-b") },
    };
  }
}

/** Packets of one flow in one direction pair in order. */
const exactKey = (side: Side): string => `${side.id.key} ${side.id.direction}`;

export function diffTraces(a: Packet[], b: Packet[], options: DiffOptions = {}): DiffResult {
  const differ = new TraceDiffer(options);
  differ.addA(a);
  differ.addB(b);
  return differ.result();
}
