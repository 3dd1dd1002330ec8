/**
 * What the HTML report draws: per packet (or per cross-node flow), one lane per Kubernetes
 * node with the stages the packet crossed, each with its verdict — conforms, violation (a
 * finding names the record), or not in the expectation (the scenario's path has no place
 * for it, or the packet could not be placed) — and its ACL, NAT and TTL labels.
 */
import type { CheckedPacket, CheckResult, Finding } from "../../model/findings.js";
import type { PacketMatch } from "../../model/expectation.js";
import type { NodeRecord, Packet } from "../../model/trace.js";
import { findingsByRecord, recordKey } from "./findings-by-record.js";

export type StageStatus = "conforms" | "violation" | "unexpected";

export interface StageView {
  id: string;
  node: string;
  file: string;
  line: number;
  status: StageStatus;
  at?: string;
  labels: string[];
  raw: string[];
  notes: string[];
  /** Marks the first divergence of a diff. */
  first?: boolean;
}

export interface LaneView {
  title: string;
  stages: StageView[];
}

export interface SectionView {
  id: string;
  title: string;
  subtitle: string;
  verdict: string;
  lanes: LaneView[];
  findings: Finding[];
}

export function stageLabels(r: NodeRecord): string[] {
  const f = r.fields;
  const labels: string[] = [];
  if (f.acl?.action !== undefined) labels.push(`acl ${f.acl.acl} rule ${f.acl.rule} · action ${f.acl.action}`);
  if (f.nat?.session !== undefined) labels.push(`NAT session ${f.nat.session}`);
  const ttl = f.ip4?.ttl ?? f.hexdump?.ip4?.ttl;
  if (ttl !== undefined) labels.push(`ttl ${ttl}${f.ip4 ? ` · ${f.ip4.src} → ${f.ip4.dst}` : ""}`);
  if (f.vxlan) labels.push(`VXLAN ${f.vxlan.direction} vni ${f.vxlan.vni}`);
  if (f.rewrite?.interface) labels.push(`out ${f.rewrite.interface}`);
  if (f.drop) labels.push(`drop: ${[f.drop.node, f.drop.reason].filter(Boolean).join(": ")}`);
  return labels;
}

function lane(packet: Packet, match: PacketMatch, findings: Finding[]): LaneView {
  const hops = match.kind === "placed" ? match.expectation.alignment.hops : [];
  const byRecord = findingsByRecord(findings);
  const stages = packet.records.map((r, i): StageView => {
    const about = byRecord.get(recordKey(r.file, r.line)) ?? [];
    const status: StageStatus = about.some((f) => f.severity === "error") ? "violation" : match.kind === "placed" && hops[i] !== undefined ? "conforms" : "unexpected";
    return {
      id: `p${packet.index}-s${i}`,
      node: r.node,
      file: r.file,
      line: r.line,
      status,
      at: hops[i]?.at,
      labels: stageLabels(r),
      raw: r.raw,
      notes: about.map((f) => `${f.rule}: expected ${f.expected}, actual ${f.actual} — ${f.message}`),
    };
  });
  const where = match.kind === "placed" ? `${match.expectation.k8sNode}${match.expectation.role === "node" ? "" : ` (${match.expectation.role})`}` : "unplaced";
  return { title: `${where} — [${packet.index}] ${packet.label}`, stages };
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
    const findings = [...checked[a].result.findings, ...checked[b].result.findings];
    const verdicts = [checked[a].result.verdict, checked[b].result.verdict];
    sections.push({
      id: `flow-${flow.sent}-${flow.received}`,
      title: `Flow [${flow.sent}] → [${flow.received}]: ${flow.scenario} ${flow.direction}`,
      subtitle: `one packet seen on both nodes; inner TTL ${flow.ttlSent} into the VXLAN tunnel, ${flow.ttlReceived} out of it`,
      verdict: verdicts.find((v) => v === "violates") ?? verdicts.find((v) => v === "incomplete") ?? verdicts.find((v) => v === "unchecked") ?? "conforms",
      lanes: [lane(packets[a], checked[a].match, findings), lane(packets[b], checked[b].match, findings)],
      findings,
    });
  }
  packets.forEach((p, i) => {
    if (inFlow.has(p.index)) return;
    const { result: r, match } = checked[i];
    sections.push({ id: `packet-${p.index}`, title: `[${p.index}] ${p.label}`, subtitle: `${p.file}:${p.line} — ${r.scenario ?? ""}`, verdict: r.verdict, lanes: [lane(p, match, r.findings)], findings: r.findings });
  });
  const first = (s: SectionView): number => Number(/\d+/.exec(s.id)![0]);
  sections.sort((x, y) => first(x) - first(y));
  return { sections, result, packets };
}
