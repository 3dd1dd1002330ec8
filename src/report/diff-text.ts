/** `diff --format text`: one side-by-side table per differing packet; identical ones in a line. */
import Table from "cli-table3";
import { escapeControl } from "./escape.js";
import type { DiffResult, NodeDiff, PacketDiff } from "../model/diff.js";
import { COMPACT } from "./parse-text.js";
import { count } from "./words.js";

const refText = (r: PacketDiff["a"]): string => (r === undefined ? "—" : `[${r.index}] ${r.label} (${r.file}:${r.line})`);

/** Rows per table at most: cli-table3 lays out in quadratic time (a 30 000-node pair took
 *  10 s). A longer pair shows its differences, each after the node before it. */
export const DIFF_TABLE_ROWS = 200;

/** The rows a long pair shows: each difference with the node before it for context. */
function shownNodes(nodes: NodeDiff[]): NodeDiff[] {
  if (nodes.length <= DIFF_TABLE_ROWS) return nodes;
  const shown: NodeDiff[] = [];
  for (let i = 0; i < nodes.length && shown.length < DIFF_TABLE_ROWS; i++) {
    if (nodes[i].kind === "same") continue;
    if (i > 0 && nodes[i - 1].kind === "same" && shown[shown.length - 1] !== nodes[i - 1]) shown.push(nodes[i - 1]);
    shown.push(nodes[i]);
  }
  return shown.slice(0, DIFF_TABLE_ROWS);
}

function packetTable(p: PacketDiff): string {
  const table = new Table({ head: ["A", "B", "difference"], style: { head: [], border: [] }, chars: COMPACT });
  const nodes = shownNodes(p.nodes);
  for (const n of nodes) {
    const a = n.a === undefined ? "" : `${n.a.node}:${n.a.line}`;
    const b = n.b === undefined ? "" : `${n.b.node}:${n.b.line}`;
    const what = n.kind === "same" ? "" : n.kind === "changed" ? n.changes.map((c) => `${c.field} ${c.a} → ${c.b}`).join("\n") : n.kind === "only-a" ? "only in A" : "only in B";
    table.push([a, b, what].map(escapeControl));
  }
  if (nodes.length === p.nodes.length) return table.toString();
  const differences = p.nodes.filter((n) => n.kind !== "same").length;
  const shownDifferences = nodes.filter((n) => n.kind !== "same").length;
  return `${table.toString()}\n… ${p.nodes.length - nodes.length} of ${p.nodes.length} nodes not shown (${differences - shownDifferences} of ${differences} differences); --format json lists every node`;
}

/** `diff --format text` as the diffs come: a differing packet's table at once, the identical
 *  pairs in one line and the counts at the end. */
export class DiffTextWriter {
  private readonly identical: string[] = [];
  private readonly equivalent: string[] = [];

  constructor(private readonly write: (text: string) => void) {}

  packet(p: PacketDiff): void {
    if (p.status === "identical") {
      this.identical.push(`A[${p.a!.index}]=B[${p.b!.index}]`);
      return;
    }
    if (p.status === "equivalent") {
      this.equivalent.push(`A[${p.a!.index}]≈B[${p.b!.index}]`);
      return;
    }
    const lines = [`${p.status === "different" ? "≠" : p.status === "only-a" ? "−" : "+"} ${p.flow} ${p.direction}: A ${refText(p.a)}, B ${refText(p.b)}${p.crossFlow ? " (different flows: endpoints compared by role)" : ""}`, `  first divergence: ${p.firstDivergence}`];
    if (p.status === "different" && p.nodes.some((n) => n.kind !== "same")) lines.push(packetTable(p));
    this.write(`${lines.join("\n")}\n\n`);
  }

  end(s: DiffResult["summary"]): void {
    const n = this.identical.length;
    const identical = n > 0 ? `= ${count(n, "packet pair")} identical under the mask: ${this.identical.join(" ")}\n` : "";
    const e = this.equivalent.length;
    const equivalent = e > 0 ? `≈ ${count(e, "packet pair")} on the same path, volatile values only (matched consistently): ${this.equivalent.join(" ")}\n` : "";
    this.write(`${identical}${equivalent}${diffSummaryLine(s)}\n`);
  }
}

export function renderDiffText(result: DiffResult): string {
  let out = "";
  const writer = new DiffTextWriter((text) => (out += text));
  result.packets.forEach((p) => writer.packet(p));
  writer.end(result.summary);
  return out;
}

/** `10 pairs: 0 identical, 10 equivalent (same path, volatile values only), 0 different; …` */
export function diffSummaryLine(s: DiffResult["summary"]): string {
  return `${s.pairs} pairs: ${s.identical} identical, ${s.equivalent} equivalent (same path, volatile values only), ${s.different} different; ${s.onlyA} only in A, ${s.onlyB} only in B`;
}
