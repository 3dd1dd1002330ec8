/**
 * Packets grouped by their unique node path, as VPP 26.06's `show trace paths` does for its
 * own captures, but from the text of any release: counts, threads, the first packet of each
 * path and, when checked on a model, every packet's verdict counted per path — one violating
 * packet among a hundred conforming ones on the same nodes is not hidden behind the first.
 * Packets stream through; only one entry per distinct path is kept.
 */
import type { PacketResult, Verdict } from "../model/findings.js";
import type { NodePath, PathsResult } from "../model/paths.js";
import { packetRef } from "../model/ref.js";
import type { Packet } from "../model/trace.js";

/** Judges packets in order (the checker, when the CLI has one): one result per packet. */
export type PacketCheck = (packets: Packet[]) => PacketResult[];

/** Which verdict speaks for a group: the worst of its packets'. */
const WORST_FIRST: readonly Verdict[] = ["violates", "incomplete", "unchecked", "conforms"];

interface Entry {
  path: NodePath;
  threads: Set<number>;
  order: number;
}

export class PathSummary {
  private readonly entries = new Map<string, Entry>();
  private packets = 0;

  constructor(private readonly check?: PacketCheck) {}

  add(packets: Packet[]): void {
    const results = this.check?.(packets);
    packets.forEach((packet, i) => {
      this.packets++;
      const nodes = packet.records.map((r) => r.node);
      // Node names hold no spaces (`\S+` in a record header): a space joins them unambiguously.
      const key = nodes.join(" ");
      let entry = this.entries.get(key);
      if (entry === undefined) {
        entry = { path: { nodes, count: 0, threads: [], first: packetRef(packet) }, threads: new Set(), order: this.entries.size };
        const scenario = results?.[i].scenario;
        if (scenario !== undefined) entry.path.scenario = scenario;
        this.entries.set(key, entry);
      }
      entry.path.count++;
      const result = results?.[i];
      if (result !== undefined) count(entry.path, result.verdict);
      for (const thread of threadsOf(packet)) entry.threads.add(thread);
    });
  }

  result(): PathsResult {
    const entries = [...this.entries.values()].sort((a, b) => b.path.count - a.path.count || a.order - b.order);
    return { packets: this.packets, paths: entries.map((e) => ({ ...e.path, threads: [...e.threads].sort((a, b) => a - b) })) };
  }
}

function threadsOf(packet: Packet): number[] {
  const threads = packet.records.flatMap((r) => (r.thread === undefined ? [] : [r.thread.index]));
  return packet.thread === null ? threads : [packet.thread.index, ...threads];
}

function count(path: NodePath, verdict: Verdict): void {
  const verdicts = (path.verdicts ??= {});
  verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
  path.verdict = WORST_FIRST.find((v) => (verdicts[v] ?? 0) > 0);
}
