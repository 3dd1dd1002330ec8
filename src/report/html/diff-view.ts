/** The diff report's view: for each differing packet pair, the path in A above the path in
 *  B, aligned stages marked by what changed, the first divergence outlined. */
import type { DiffResult } from "../../model/diff.js";
import type { Packet } from "../../model/trace.js";
import { stageLabels, type LaneView, type SectionView, type StageView } from "./view.js";

export function buildDiffSections(result: DiffResult, a: Packet[], b: Packet[]): SectionView[] {
  const find = (packets: Packet[], index?: number) => packets.find((p) => p.index === index);
  return result.packets
    .filter((p) => p.status !== "identical")
    .map((pair, n): SectionView => {
      const pa = find(a, pair.a?.index);
      const pb = find(b, pair.b?.index);
      const laneOf = (side: "a" | "b", packet: Packet | undefined): LaneView => {
        const stages: StageView[] = [];
        let firstMarked = false;
        for (const node of pair.nodes) {
          const ref = node[side];
          if (ref === undefined) continue;
          const record = packet?.records.find((r) => r.line === ref.line);
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
