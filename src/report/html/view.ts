/**
 * What the HTML report draws: per packet (or per cross-node flow), one lane per Kubernetes
 * node with the stages the packet crossed, each coloured as `check` words its verdict —
 * conforms, violates (an error names the record), unchecked (no place for it on an expected
 * path, or the packet could not be placed), incomplete (the packet has unreadable lines) —
 * and its text (stage-lines.ts). Everything comes from the checker's results and matches;
 * nothing is recomputed.
 */
import type { CheckedPacket, CheckResult, Finding, FlowResult } from "../../model/findings.js";
import type { PacketMatch } from "../../model/expectation.js";
import type { Packet } from "../../model/trace.js";
import { findingsByRecord, recordKey } from "./findings-by-record.js";
import { headerLine, packetAddresses, recordHeader } from "./headers.js";
import { findingLines, packetLabels, stageLines, type StageLine } from "./stage-lines.js";

/** Check's four verdicts, and the diff's three kinds of stage. */
export type StageStatus = "conforms" | "violates" | "unchecked" | "incomplete" | "same" | "changed" | "only";

export interface StageView {
  /** Unique in the page; the stage element is `stage-<id>`, its raw lines `raw-<id>`. */
  id: string;
  node: string;
  file: string;
  line: number;
  status: StageStatus;
  lines: StageLine[];
  raw: string[];
  /** The finding rows about this stage, the first one clicked to. */
  findingIds: string[];
  /** Marks the first divergence of a diff. */
  first?: boolean;
}

export interface LaneView {
  /** The packet's anchor (`packet-13`), when the lane is one packet. */
  anchor?: string;
  title: string;
  /** One slot per column; an empty slot keeps two aligned lanes in step (a diff's gap). */
  slots: (StageView | undefined)[];
}

/** The VXLAN hop of a cross-node flow, drawn from the sender's last stage to the receiver's
 *  first. */
export interface HopView {
  from: string;
  to: string;
  text: string;
}

export interface FindingRow {
  id: string;
  finding: Finding;
  stageId?: string;
}

export interface SectionView {
  id: string;
  /** The section in the list, short: `[13] → [14]`, `[9] SYN`. */
  name: string;
  title: string;
  subtitle: string;
  verdict: string;
  /** For the list and its filter. */
  scenario: string;
  addresses: string[];
  /** The list's cells after the section's title, before its verdict. */
  cells: string[];
  lanes: LaneView[];
  /** Lanes share columns: a diff's two paths, node against node. */
  aligned?: boolean;
  hop?: HopView;
  findings: FindingRow[];
  /** A diff's changed fields (diff-view.ts renders the rows). */
  changes?: ChangeRow[];
}

export interface ChangeRow {
  node: string;
  field: string;
  a: string;
  b: string;
  aStage?: StageView;
  bStage?: StageView;
}

function stageStatus(about: Finding[], packet: Packet, onPath: boolean): StageStatus {
  if (about.some((f) => f.severity === "error")) return "violates";
  if (packet.incomplete) return "incomplete";
  return onPath ? "conforms" : "unchecked";
}

const findingId = (f: Finding, k: number): string => `finding-${f.packet.index}-${k + 1}`;

function lane(packet: Packet, match: PacketMatch, findings: Finding[]): LaneView {
  const hops = match.kind === "placed" ? match.expectation.alignment.hops : [];
  const byRecord = findingsByRecord(findings);
  const ids = new Map(findings.map((f, k) => [f, findingId(f, k)]));
  const labels = packetLabels(packet.records, (i) => ({ at: hops[i]?.at, identity: hops[i]?.expect.nat?.identity }));
  const slots = packet.records.map((r, i): StageView => {
    const about = byRecord.get(recordKey(r.file, r.line)) ?? [];
    return {
      id: `p${packet.index}-s${i}`,
      node: r.node,
      file: r.file,
      line: r.line,
      status: stageStatus(about, packet, hops[i] !== undefined),
      lines: stageLines(r.node, labels[i], about.flatMap(findingLines)),
      raw: r.raw,
      findingIds: about.map((f) => ids.get(f)!),
    };
  });
  const where = match.kind === "placed" ? `${match.expectation.k8sNode}${match.expectation.role === "node" ? "" : ` (${match.expectation.role})`}` : "unplaced";
  return { anchor: `packet-${packet.index}`, title: `${where} — [${packet.index}] ${packet.label}`, slots };
}

/** Each finding's row, linked to the first stage drawn for its record. */
function findingRows(findings: Finding[], lanes: LaneView[]): FindingRow[] {
  const stageOf = new Map<string, string>();
  for (const s of lanes.flatMap((l) => l.slots)) if (s !== undefined && !stageOf.has(recordKey(s.file, s.line))) stageOf.set(recordKey(s.file, s.line), s.id);
  const perPacket = new Map<number, number>();
  return findings.map((f) => {
    const k = perPacket.get(f.packet.index) ?? 0;
    perPacket.set(f.packet.index, k + 1);
    return { id: findingId(f, k), finding: f, stageId: stageOf.get(recordKey(f.file, f.line)) };
  });
}

/** The VXLAN outer header and VNI as the sender's capture prints them after encapsulation. */
function hopText(sent: Packet): string {
  const records = sent.records;
  const encap = records.findIndex((r) => r.fields.vxlan?.direction === "encap");
  const outer = encap < 0 ? undefined : records.slice(encap + 1).map(recordHeader).find((h) => h !== undefined);
  const vni = encap < 0 ? undefined : records[encap].fields.vxlan?.vni;
  return `VXLAN${vni === undefined ? "" : ` vni ${vni}`}${outer === undefined ? "" : ` · outer ${headerLine(outer)}`}`;
}

/** The packet's first header in one line, for the list. */
const firstHeader = (p: Packet): string => {
  const h = p.records.map(recordHeader).find((x) => x !== undefined);
  return h === undefined ? "" : headerLine(h);
};

function worst(verdicts: string[]): string {
  return ["violates", "incomplete", "unchecked"].find((v) => verdicts.includes(v)) ?? "conforms";
}

function flowSection(flow: FlowResult, sent: Packet, received: Packet, a: CheckedPacket, b: CheckedPacket): SectionView {
  const findings = [...a.result.findings, ...b.result.findings];
  const lanes = [lane(sent, a.match, findings), lane(received, b.match, findings)];
  const from = lanes[0].slots.at(-1)?.id;
  const to = lanes[1].slots[0]?.id;
  return {
    id: `flow-${flow.sent}-${flow.received}`,
    name: `[${flow.sent}] → [${flow.received}] ${sent.label}`,
    title: `Flow [${flow.sent}] → [${flow.received}]: ${flow.scenario} ${flow.direction}`,
    subtitle: `one packet seen on both nodes; inner TTL ${flow.ttlSent ?? "?"} into the VXLAN tunnel, ${flow.ttlReceived ?? "?"} out of it`,
    verdict: worst([a.result.verdict, b.result.verdict]),
    scenario: flow.scenario,
    addresses: [...new Set([...packetAddresses(sent.records), ...packetAddresses(received.records)])],
    cells: [`${flow.scenario} ${flow.direction}`, firstHeader(sent)],
    lanes,
    hop: from === undefined || to === undefined ? undefined : { from, to, text: hopText(sent) },
    findings: findingRows(findings, lanes),
  };
}

function packetSection(p: Packet, c: CheckedPacket): SectionView {
  const { result: r, match } = c;
  // The section itself is the packet's anchor.
  const lanes = [{ ...lane(p, match, r.findings), anchor: undefined }];
  const why = r.reason === undefined ? "" : ` — ${r.verdict}: ${r.reason}`;
  return {
    id: `packet-${p.index}`,
    name: `[${p.index}] ${p.label}`,
    title: `[${p.index}] ${p.label}`,
    subtitle: `${p.file}:${p.line}${r.scenario === undefined ? "" : ` — ${r.scenario}`}${why}`,
    verdict: r.verdict,
    scenario: r.placement?.scenario ?? "",
    addresses: packetAddresses(p.records),
    cells: [r.placement === undefined ? "" : `${r.placement.scenario} ${r.placement.direction}`, firstHeader(p)],
    lanes,
    findings: findingRows(r.findings, lanes),
  };
}

export interface ReportModel {
  sections: SectionView[];
  result: CheckResult;
  packets: Packet[];
}

/** The report of packets the checker has checked: its results and matches, drawn. */
export function buildReport(packets: Packet[], checked: CheckedPacket[], result: CheckResult): ReportModel {
  const byIndex = new Map(packets.map((p, i) => [p.index, i]));
  const inFlow = new Set<number>();
  const sections: SectionView[] = [];
  for (const flow of result.flows) {
    const [a, b] = [byIndex.get(flow.sent)!, byIndex.get(flow.received)!];
    inFlow.add(flow.sent).add(flow.received);
    sections.push(flowSection(flow, packets[a], packets[b], checked[a], checked[b]));
  }
  packets.forEach((p, i) => {
    if (!inFlow.has(p.index)) sections.push(packetSection(p, checked[i]));
  });
  const first = (s: SectionView): number => Number(/\d+/.exec(s.id)![0]);
  sections.sort((x, y) => first(x) - first(y));
  return { sections, result, packets };
}
