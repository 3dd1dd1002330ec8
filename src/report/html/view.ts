/**
 * What the HTML report draws: per packet (or per cross-node flow), one lane per Kubernetes
 * node with the stages the packet crossed, each coloured as `check` words its verdict —
 * conforms, violates (an error names the record), unchecked (no place for it on an expected
 * path, or the packet could not be placed), incomplete (the packet has unreadable lines) —
 * and its text (stage-lines.ts). Everything comes from the checker's results and matches,
 * as each packet's digest (digest.ts) keeps them; nothing is recomputed. Sections are made
 * one at a time, in packet order, each digest unpacked when drawn and let go.
 */
import type { CheckResult, Finding, FlowResult } from "../../model/findings.js";
import { unpackDigest, type PackedDigest, type PacketDigest } from "./digest.js";
import { findingsByRecord, recordKey } from "./findings-by-record.js";
import { findingLines, stageLines, type StageLine } from "./stage-lines.js";

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

/** A stage as a link names it. */
export type StageRef = Pick<StageView, "id" | "file" | "line">;

export interface ChangeRow {
  node: string;
  field: string;
  a: string;
  b: string;
  aStage?: StageRef;
  bStage?: StageRef;
}

function stageStatus(about: Finding[], packet: PacketDigest, onPath: boolean): StageStatus {
  if (about.some((f) => f.severity === "error")) return "violates";
  if (packet.incomplete) return "incomplete";
  return onPath ? "conforms" : "unchecked";
}

const findingId = (f: Finding, k: number): string => `finding-${f.packet.index}-${k + 1}`;

function lane(packet: PacketDigest, findings: Finding[]): LaneView {
  const byRecord = findingsByRecord(findings);
  const ids = new Map(findings.map((f, k) => [f, findingId(f, k)]));
  const slots = packet.stages.map((r, i): StageView => {
    const about = byRecord.get(recordKey(r.file, r.line)) ?? [];
    return {
      id: `p${packet.index}-s${i}`,
      node: r.node,
      file: r.file,
      line: r.line,
      status: stageStatus(about, packet, r.onPath),
      lines: stageLines(r.node, r.labels, about.flatMap(findingLines)),
      raw: r.raw === "" ? [] : r.raw.split("\n"),
      findingIds: about.map((f) => ids.get(f)!),
    };
  });
  return { anchor: `packet-${packet.index}`, title: `${packet.where} — [${packet.index}] ${packet.label}`, slots };
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

function worst(verdicts: string[]): string {
  return ["violates", "incomplete", "unchecked"].find((v) => verdicts.includes(v)) ?? "conforms";
}

function flowSection(flow: FlowResult, sent: PacketDigest, received: PacketDigest): SectionView {
  const findings = [...sent.result.findings, ...received.result.findings];
  const lanes = [lane(sent, findings), lane(received, findings)];
  const from = lanes[0].slots.at(-1)?.id;
  const to = lanes[1].slots[0]?.id;
  return {
    id: `flow-${flow.sent}-${flow.received}`,
    name: `[${flow.sent}] → [${flow.received}] ${sent.label}`,
    title: `Flow [${flow.sent}] → [${flow.received}]: ${flow.scenario} ${flow.direction}`,
    subtitle: `one packet seen on both nodes; inner TTL ${flow.ttlSent ?? "?"} into the VXLAN tunnel, ${flow.ttlReceived ?? "?"} out of it`,
    verdict: worst([sent.result.verdict, received.result.verdict]),
    scenario: flow.scenario,
    addresses: [...new Set([...sent.addresses, ...received.addresses])],
    cells: [`${flow.scenario} ${flow.direction}`, sent.firstHeader],
    lanes,
    hop: from === undefined || to === undefined ? undefined : { from, to, text: sent.hop },
    findings: findingRows(findings, lanes),
  };
}

function packetSection(p: PacketDigest): SectionView {
  const r = p.result;
  // The section itself is the packet's anchor.
  const lanes = [{ ...lane(p, r.findings), anchor: undefined }];
  const why = r.reason === undefined ? "" : ` — ${r.verdict}: ${r.reason}`;
  return {
    id: `packet-${p.index}`,
    name: `[${p.index}] ${p.label}`,
    title: `[${p.index}] ${p.label}`,
    subtitle: `${p.file}:${p.line}${r.scenario === undefined ? "" : ` — ${r.scenario}`}${why}`,
    verdict: r.verdict,
    scenario: r.placement?.scenario ?? "",
    addresses: p.addresses,
    cells: [r.placement === undefined ? "" : `${r.placement.scenario} ${r.placement.direction}`, p.firstHeader],
    lanes,
    findings: findingRows(r.findings, lanes),
  };
}

/**
 * The report's sections in the order of their first packet: a cross-node flow where its
 * sent packet is, every other packet on its own. `digests` is emptied as the sections are
 * made, so that a digest is let go once drawn.
 */
export function* reportSections(digests: Map<number, PackedDigest>, result: CheckResult): Generator<SectionView> {
  const flowOf = new Map<number, FlowResult>();
  for (const flow of result.flows) flowOf.set(flow.sent, flow).set(flow.received, flow);
  for (const [index, packed] of digests) {
    const flow = flowOf.get(index);
    if (flow === undefined) {
      yield packetSection(unpackDigest(packed));
      digests.delete(index);
    } else if (flow.sent === index) {
      yield flowSection(flow, unpackDigest(packed), unpackDigest(digests.get(flow.received)!));
      digests.delete(index);
      digests.delete(flow.received);
    }
    // The received half of a flow is drawn with the packet it was sent as.
  }
}
