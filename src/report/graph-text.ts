/** `parse --format dot | mermaid`: each packet's path as a chain of graph nodes, for people
 *  who paste diagrams into docs. */
import type { NodeRecord, Packet } from "../model/trace.js";
import { recordTtl, recordVerdict } from "./summary.js";

const stageLabel = (r: NodeRecord): string => [r.node, recordVerdict(r), recordTtl(r) === "" ? "" : `ttl ${recordTtl(r)}`].filter(Boolean).join("\\n");
const dotString = (s: string): string => `"${s.replace(/\\(?!n)/g, "\\\\").replace(/"/g, '\\"')}"`;

export function renderDot(packets: Packet[]): string {
  const out = ["digraph vpptrace {", "  rankdir=LR;", '  node [shape=box, fontname="monospace", fontsize=10];'];
  for (const p of packets) {
    out.push(`  subgraph cluster_p${p.index} {`, `    label=${dotString(`[${p.index}] ${p.label} (${p.file}:${p.line})`)};`);
    p.records.forEach((r, i) => out.push(`    p${p.index}_${i} [label=${dotString(stageLabel(r))}];`));
    for (let i = 1; i < p.records.length; i++) out.push(`    p${p.index}_${i - 1} -> p${p.index}_${i};`);
    out.push("  }");
  }
  out.push("}");
  return `${out.join("\n")}\n`;
}

const mermaidText = (s: string): string => `"${s.replace(/"/g, "#quot;").replace(/\\n/g, "<br/>")}"`;

export function renderMermaid(packets: Packet[]): string {
  const out = ["flowchart LR"];
  for (const p of packets) {
    out.push(`  subgraph p${p.index}[${mermaidText(`[${p.index}] ${p.label}`)}]`, "    direction LR");
    p.records.forEach((r, i) => out.push(`    p${p.index}_${i}[${mermaidText(stageLabel(r))}]`));
    if (p.records.length > 1) out.push(`    ${p.records.map((_, i) => `p${p.index}_${i}`).join(" --> ")}`);
    out.push("  end");
  }
  return `${out.join("\n")}\n`;
}
