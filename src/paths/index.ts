/**
 * Packets grouped by their unique node path, as VPP 26.06's `show trace paths` does for its
 * own captures, but from the text of any release: counts, threads, and the first packet of
 * each path. Packets stream through; only one entry per distinct path is kept.
 */
import type { PacketResult } from "../model/findings.js";
import type { NodePath, PathsResult } from "../model/paths.js";
import { packetRef } from "../model/ref.js";
import type { Packet } from "../model/trace.js";

/** Judges the first packet of each new path (the checker, when the CLI has one). */
export type FirstPacketCheck = (packet: Packet) => PacketResult | undefined;

interface Entry {
  path: NodePath;
  threads: Set<number>;
  order: number;
}

export class PathSummary {
  private readonly entries = new Map<string, Entry>();
  private packets = 0;

  constructor(private readonly checkFirst: FirstPacketCheck = () => undefined) {}

  add(packets: Packet[]): void {
    for (const packet of packets) {
      this.packets++;
      const nodes = packet.records.map((r) => r.node);
      // Node names hold no spaces (`\S+` in a record header): a space joins them unambiguously.
      const key = nodes.join(" ");
      let entry = this.entries.get(key);
      if (entry === undefined) {
        entry = { path: { nodes, count: 0, threads: [], first: packetRef(packet) }, threads: new Set(), order: this.entries.size };
        const result = this.checkFirst(packet);
        if (result !== undefined) entry.path.verdict = result.verdict;
        if (result?.scenario !== undefined) entry.path.scenario = result.scenario;
        this.entries.set(key, entry);
      }
      entry.path.count++;
      for (const thread of threadsOf(packet)) entry.threads.add(thread);
    }
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
