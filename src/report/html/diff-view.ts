/** The diff report's view: for each differing packet pair, the path in A above the path in
 *  B, aligned stages marked by what changed, the first divergence outlined. */
import type { DiffResult } from "../../model/diff.js";
import type { Packet } from "../../model/trace.js";
import { stageLabels, type LaneView, type SectionView, type StageView } from "./view.js";

/** Packets by index, and each packet's records by line: looked up once per drawn stage. */
function indexPackets(packets: Packet[]): Map<number, { packet: Packet; byLine: Map<number, Packet["records"][number]> | undefined }> {
  return new Map(packets.map((packet) => [packet.index, { packet, byLine: undefined }]));
}

/** Records by line; where several entries share a header's line, the first. */
function firstByLine(records: Packet["records"]): Map<number, Packet["records"][number]> {
  const byLine = new Map<number, Packet["records"][number]>();
  for (const r of records) if (!byLine.has(r.line)) byLine.set(r.line, r);
  return byLine;
}

export function buildDiffSections(result: DiffResult, a: Packet[], b: Packet[]): SectionView[] {
  const sides = { a: indexPackets(a), b: indexPackets(b) };
  const recordAt = (side: "a" | "b", index: number | undefined, line: number) => {
    const entry = index === undefined ? undefined : sides[side].get(index);
    if (entry === undefined) return undefined;
    entry.byLine ??= firstByLine(entry.packet.records);
    return entry.byLine.get(line);
  };
  return result.packets
    .filter((p) => p.status !== "identical")
    .map((pair, n): SectionView => {
      const pa = pair.a === undefined ? undefined : sides.a.get(pair.a.index)?.packet;
      const pb = pair.b === undefined ? undefined : sides.b.get(pair.b.index)?.packet;
      const laneOf = (side: "a" | "b", packet: Packet | undefined): LaneView => {
        const stages: StageView[] = [];
        let firstMarked = false;
        for (const node of pair.nodes) {
          const ref = node[side];
          if (ref === undefined) continue;
          const record = recordAt(side, packet?.index, ref.line);
          const status = node.kind === "same" ? "conforms" : node.kind === "changed" ? "violation" : "unexpected";
          const first = !firstMarked && node.kind !== "same";
          if (first) firstMarked = true;
          stages.push({
            id: `d${n}-${side}-${stages.length}`,
            node: ref.node,
            file: ref.file,
            line: ref.line,
            status,
            labels: record === undefined ? [] : stageLabels(record),
            raw: record?.raw ?? [],
            notes: node.changes.map((c) => `${c.field}: ${c.a} → ${c.b}`).concat(node.kind === "only-a" ? ["only in A"] : node.kind === "only-b" ? ["only in B"] : []),
            first,
          });
        }
        return { title: `${side.toUpperCase()}: ${packet === undefined ? "—" : `[${packet.index}] ${packet.label} (${packet.file}:${packet.line})`}`, stages };
      };
      return {
        id: `pair-${n + 1}`,
        title: `${pair.flow} ${pair.direction}`,
        subtitle: `first divergence: ${pair.firstDivergence ?? "none"}`,
        verdict: pair.status === "different" ? "different" : pair.status,
        lanes: [laneOf("a", pa), laneOf("b", pb)],
        findings: [],
      };
    });
}
