/**
 * What the HTML report draws: per packet (or per cross-node flow), one lane per Kubernetes
 * node with the stages the packet crossed, each with its verdict — conforms, violation (a
 * finding names the record), or not in the expectation (the scenario's path has no place
 * for it, or the packet could not be placed) — and its ACL, NAT and TTL labels.
 */
import type { Cluster } from "../../dataplanes/contiv/cluster.js";
import type { CheckResult, Finding } from "../../model/findings.js";
import type { ExpectedHop } from "../../model/expectation.js";
import type { NodeRecord, Packet } from "../../model/trace.js";
import { defaultCluster } from "../../dataplanes/contiv/index.js";
import { alignPath } from "../../forwarder/align.js";
import { classifyPackets, type Classification } from "../../forwarder/classify.js";
import { checkPackets, describeClassification } from "../../rules/index.js";

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

function lane(packet: Packet, classification: Classification, findings: Finding[]): LaneView {
  const hops: (ExpectedHop | undefined)[] = classification.kind === "classified" ? alignPath(packet.records, classification.path.hops).hops : [];
  const stages = packet.records.map((r, i): StageView => {
    const about = findings.filter((f) => f.file === r.file && f.line === r.line);
    const status: StageStatus = about.some((f) => f.severity === "error") ? "violation" : classification.kind === "classified" && hops[i] === undefined ? "unexpected" : classification.kind === "classified" ? "conforms" : "unexpected";
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
  const where = classification.kind === "classified" ? `${classification.k8sNode}${classification.role === "node" ? "" : ` (${classification.role})`}` : "unplaced";
  return { title: `${where} — [${packet.index}] ${packet.label}`, stages };
}

export interface ReportModel {
  sections: SectionView[];
  result: CheckResult;
  packets: Packet[];
}

export function buildReport(packets: Packet[], cluster?: Cluster): ReportModel {
  const result = checkPackets(packets, { cluster });
  const classifications = classifyPackets(cluster ?? defaultCluster(), packets);
  const byIndex = new Map(packets.map((p, i) => [p.index, i]));
  const inFlow = new Set<number>();
  const sections: SectionView[] = [];
  for (const flow of result.flows) {
    const [a, b] = [byIndex.get(flow.sent)!, byIndex.get(flow.received)!];
    inFlow.add(flow.sent).add(flow.received);
    const findings = [...result.packets[a].findings, ...result.packets[b].findings];
    sections.push({
      id: `flow-${flow.sent}-${flow.received}`,
      title: `Flow [${flow.sent}] → [${flow.received}]: ${flow.scenario} ${flow.direction}`,
      subtitle: `one packet seen on both nodes; inner TTL ${flow.ttlSent} into the VXLAN tunnel, ${flow.ttlReceived} out of it`,
      verdict: findings.some((f) => f.severity === "error") ? "violates" : "conforms",
      lanes: [lane(packets[a], classifications[a], findings), lane(packets[b], classifications[b], findings)],
      findings,
    });
  }
  packets.forEach((p, i) => {
    if (inFlow.has(p.index)) return;
    const r = result.packets[i];
    sections.push({ id: `packet-${p.index}`, title: `[${p.index}] ${p.label}`, subtitle: `${p.file}:${p.line} — ${describeClassification(classifications[i])}`, verdict: r.verdict, lanes: [lane(p, classifications[i], r.findings)], findings: r.findings });
  });
  const first = (s: SectionView): number => Number(/\d+/.exec(s.id)![0]);
  sections.sort((x, y) => first(x) - first(y));
  return { sections, result, packets };
}
