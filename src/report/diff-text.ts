/** `diff --format text`: one side-by-side table per differing packet; identical ones in a line. */
import Table from "cli-table3";
import type { DiffResult, PacketDiff } from "../model/diff.js";
import { COMPACT } from "./parse-text.js";

const refText = (r: PacketDiff["a"]): string => (r === undefined ? "—" : `[${r.index}] ${r.label} (${r.file}:${r.line})`);

function packetTable(p: PacketDiff): string {
  const table = new Table({ head: ["A", "B", "difference"], style: { head: [], border: [] }, chars: COMPACT });
  for (const n of p.nodes) {
    const a = n.a === undefined ? "" : `${n.a.node}:${n.a.line}`;
    const b = n.b === undefined ? "" : `${n.b.node}:${n.b.line}`;
    const what = n.kind === "same" ? "" : n.kind === "changed" ? n.changes.map((c) => `${c.field} ${c.a} → ${c.b}`).join("\n") : n.kind === "only-a" ? "only in A" : "only in B";
    table.push([a, b, what]);
  }
  return table.toString();
}

export function renderDiffText(result: DiffResult): string {
  const out: string[] = [];
  for (const p of result.packets.filter((x) => x.status !== "identical")) {
    out.push(`${p.status === "different" ? "≠" : p.status === "only-a" ? "−" : "+"} ${p.flow} ${p.direction}: A ${refText(p.a)}, B ${refText(p.b)}${p.crossFlow ? " (different flows: endpoints compared by role)" : ""}`);
    out.push(`  first divergence: ${p.firstDivergence}`);
    if (p.status === "different") out.push(packetTable(p));
    out.push("");
  }
  const identical = result.packets.filter((p) => p.status === "identical");
  if (identical.length > 0) out.push(`= ${identical.length} packet pair${identical.length === 1 ? "" : "s"} identical under the mask: ${identical.map((p) => `A[${p.a!.index}]=B[${p.b!.index}]`).join(" ")}`);
  const s = result.summary;
  out.push(`${s.pairs} pairs: ${s.identical} identical, ${s.different} different; ${s.onlyA} only in A, ${s.onlyB} only in B`);
  return `${out.join("\n")}\n`;
}

