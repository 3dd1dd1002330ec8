/** The diff report's view: for each differing packet pair, the path in A above the path in
 *  B, node against node in shared columns (a node only in one trace leaves a gap in the
 *  other), stages coloured by what changed, the first divergence outlined, and the changed
 *  fields as table rows. */
import type { DiffResult, NodeDiff, PacketDiff } from "../../model/diff.js";
import type { Packet } from "../../model/trace.js";
import { packetAddresses } from "./headers.js";
import { packetLabels, stageLines, wrap, type StageLine } from "./stage-lines.js";
import type { ChangeRow, LaneView, SectionView, StageRef, StageStatus, StageView } from "./view.js";

type Side = "a" | "b";

/** A packet's records by line, with the label lines each would show: computed once per
 *  packet, when a pair first draws it. */
interface Drawn {
  packet: Packet;
  byLine?: Map<number, { index: number; labels: string[] }>;
}

function recordsByLine(packet: Packet): Map<number, { index: number; labels: string[] }> {
  const labels = packetLabels(packet.records);
  const byLine = new Map<number, { index: number; labels: string[] }>();
  // Where several entries share a header's line, the first.
  packet.records.forEach((r, index) => byLine.has(r.line) || byLine.set(r.line, { index, labels: labels[index] }));
  return byLine;
}

const STATUS: Record<NodeDiff["kind"], StageStatus> = { same: "same", changed: "changed", "only-a": "only", "only-b": "only" };

function changeLines(node: NodeDiff, first: boolean): StageLine[] {
  const lines = diffLines(node);
  return first ? [{ text: "first divergence", kind: "rule" }, ...lines] : lines;
}

function diffLines(node: NodeDiff): StageLine[] {
  if (node.kind === "only-a") return [{ text: "only in A", kind: "rule" }];
  if (node.kind === "only-b") return [{ text: "only in B", kind: "rule" }];
  const fields = [...new Set(node.changes.map((c) => c.field))];
  return fields.length === 0 ? [] : wrap(`changed: ${fields.join(", ")}`).map((text): StageLine => ({ text, kind: "rule" }));
}

/** The stage of one side of a node pair, or a gap where that side has no node. */
function stageOf(node: NodeDiff, side: Side, drawn: Drawn | undefined, id: string, first: boolean): StageView | undefined {
  const ref = node[side];
  if (ref === undefined) return undefined;
  if (drawn !== undefined) drawn.byLine ??= recordsByLine(drawn.packet);
  const entry = drawn?.byLine?.get(ref.line);
  const record = entry === undefined ? undefined : drawn!.packet.records[entry.index];
  return {
    id,
    node: ref.node,
    file: ref.file,
    line: ref.line,
    status: STATUS[node.kind],
    lines: stageLines(ref.node, entry?.labels ?? [], changeLines(node, first)),
    raw: record?.raw ?? [],
    findingIds: [],
    first,
  };
}

function laneTitle(side: Side, packet: Packet | undefined): string {
  return `${side.toUpperCase()}: ${packet === undefined ? "—" : `[${packet.index}] ${packet.label} (${packet.file}:${packet.line})`}`;
}

/** The changed fields, a row each, and a node only in one trace as one row. */
function changeRows(nodes: NodeDiff[], lanes: LaneView[]): ChangeRow[] {
  return nodes.flatMap((node, k): ChangeRow[] => {
    const ref = (s: StageView | undefined): StageRef | undefined => (s === undefined ? undefined : { id: s.id, file: s.file, line: s.line });
    const [aStage, bStage] = [ref(lanes[0].slots[k]), ref(lanes[1].slots[k])];
    const name = (node.a ?? node.b)!.node;
    if (node.kind === "only-a") return [{ node: name, field: "node", a: name, b: "—", aStage }];
    if (node.kind === "only-b") return [{ node: name, field: "node", a: "—", b: name, bStage }];
    return node.changes.map((c) => ({ node: name, field: c.field, a: c.a, b: c.b, aStage, bStage }));
  });
}

/** A packet with no partner has no node pairs in the diff: its own records, each only in
 *  its trace, so that it is still drawn. */
function unpairedNodes(side: Side, drawn: Drawn | undefined): NodeDiff[] {
  const kind = side === "a" ? "only-a" : "only-b";
  return (drawn?.packet.records ?? []).map((r) => ({ kind, [side]: { node: r.node, file: r.file, line: r.line }, changes: [] }));
}

function pairSection(pair: PacketDiff, n: number, pa: Drawn | undefined, pb: Drawn | undefined): SectionView {
  const unpaired = pa === undefined || pb === undefined;
  const nodes = pair.nodes.length > 0 ? pair.nodes : unpairedNodes(pa === undefined ? "b" : "a", pa ?? pb);
  const divergence = unpaired ? -1 : nodes.findIndex((node) => node.kind !== "same");
  // The side with no packet is an empty lane, not a row of gaps.
  const laneOf = (side: Side, drawn: Drawn | undefined): LaneView => ({
    title: `${laneTitle(side, drawn?.packet)}${drawn === undefined ? " no such packet in this trace" : ""}`,
    slots: drawn === undefined ? [] : nodes.map((node, k) => stageOf(node, side, drawn, `d${n}-${side}-${k}`, k === divergence)),
  });
  const lanes = [laneOf("a", pa), laneOf("b", pb)];
  const packets = [pa?.packet, pb?.packet].filter((p): p is Packet => p !== undefined);
  return {
    id: `pair-${n}`,
    name: `pair ${n}: ${pair.flow} ${pair.direction}`,
    title: `${pair.flow} ${pair.direction}`,
    subtitle: `first divergence: ${pair.firstDivergence ?? "none"}`,
    verdict: pair.status,
    scenario: "",
    addresses: [...new Set(packets.flatMap((p) => packetAddresses(p.records)))],
    cells: [pair.firstDivergence ?? ""],
    lanes,
    aligned: true,
    findings: [],
    // A packet only in one trace has no fields to compare: its verdict says it all.
    changes: unpaired ? [] : changeRows(nodes, lanes),
  };
}

export function buildDiffSections(result: DiffResult, a: Packet[], b: Packet[]): SectionView[] {
  const sides = { a: new Map(a.map((p): [number, Drawn] => [p.index, { packet: p }])), b: new Map(b.map((p): [number, Drawn] => [p.index, { packet: p }])) };
  return result.packets
    .filter((p) => p.status !== "identical" && p.status !== "equivalent")
    .map((pair, n) => pairSection(pair, n + 1, pair.a && sides.a.get(pair.a.index), pair.b && sides.b.get(pair.b.index)));
}
