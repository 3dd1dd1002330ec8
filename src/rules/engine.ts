/**
 * Runs the selected rules over every packet and collects findings with their packet,
 * record position and a verdict per packet. Packets are first placed in the cluster
 * (described, or Contiv's defaults) so scenario rules can compare them with the forwarder's
 * expectation; cross-node captures of one packet are paired into flows.
 */
import type { CheckResult, Finding, PacketRef, PacketResult } from "../model/findings.js";
import type { Cluster } from "../model/cluster.js";
import type { PacketExpectation } from "../model/expectation.js";
import type { Packet } from "../model/trace.js";
import { defaultCluster } from "../cluster/index.js";
import { alignPath } from "../forwarder/align.js";
import { classifyPackets, type Classification } from "../forwarder/classify.js";
import { correlateFlows } from "../forwarder/correlate.js";
import { allRules } from "./index.js";
import type { Report, Rule } from "./types.js";

export interface CheckOptions {
  /** Run only these rule ids (`--rule`). */
  only?: string[];
  /** Do not run these rule ids (`--skip`). */
  skip?: string[];
  rules?: Rule[];
  /** The cluster description; Contiv's defaults when absent. */
  cluster?: Cluster;
  /** Place packets in scenarios (default); off, only the invariants are judged. */
  scenarios?: boolean;
}

export class UnknownRuleError extends Error {}

export function selectRules(options: CheckOptions = {}): Rule[] {
  const all = options.rules ?? allRules;
  const known = new Set(all.map((r) => r.meta.id));
  for (const id of [...(options.only ?? []), ...(options.skip ?? [])]) {
    if (!known.has(id)) throw new UnknownRuleError(`unknown rule '${id}'; rules: ${[...known].join(", ")}`);
  }
  return all.filter((r) => (options.only === undefined || options.only.length === 0 || options.only.includes(r.meta.id)) && !options.skip?.includes(r.meta.id));
}

export function packetRef(p: Packet): PacketRef {
  return { index: p.index, label: p.label, file: p.file, line: p.line, thread: p.thread?.index ?? null, number: p.number };
}

function toFinding(rule: Rule, ref: PacketRef, r: Report): Finding {
  return { rule: rule.meta.id, severity: r.severity ?? rule.meta.severity, packet: ref, node: r.record.node, file: r.record.file, line: r.record.line, expected: r.expected, actual: r.actual, message: r.message };
}

function expectationOf(packet: Packet, c: Classification): PacketExpectation | undefined {
  if (c.kind !== "classified") return undefined;
  const { kind: _kind, ...placed } = c;
  return { ...placed, alignment: alignPath(packet.records, c.path.hops) };
}

export function describeClassification(c: Classification): string {
  return c.kind === "classified" ? `${c.scenario} ${c.direction} on ${c.k8sNode}${c.role === "node" ? "" : ` (${c.role})`}` : `unclassified: ${c.reason}`;
}

function checkPacket(packet: Packet, rules: Rule[], classification: Classification, extra: Finding[]): PacketResult {
  const ref = packetRef(packet);
  const findings: Finding[] = [...extra];
  const expectation = expectationOf(packet, classification);
  for (const rule of rules) rule.check({ packet, expectation, report: (r) => findings.push(toFinding(rule, ref, r)) });
  findings.sort((a, b) => a.line - b.line);
  const verdict = findings.some((f) => f.severity === "error") ? "violates" : findings.some((f) => f.severity === "warning") ? "warns" : "conforms";
  return { packet: ref, verdict, scenario: describeClassification(classification), findings };
}

export function checkPackets(packets: Packet[], options: CheckOptions = {}): CheckResult {
  const rules = selectRules(options);
  const classifications: Classification[] =
    options.scenarios === false ? packets.map(() => ({ kind: "unclassified", reason: "scenarios not checked" })) : classifyPackets(options.cluster ?? defaultCluster(), packets);
  const { flows, received } = correlateFlows(packets, classifications);
  const ttlRule = rules.find((r) => r.meta.id === "ttl-decrement");
  const results = packets.map((p, i) => {
    const tunnel = received.get(p.index);
    const extra: Finding[] = [];
    if (ttlRule !== undefined && tunnel !== undefined && tunnel.sentTtl !== undefined && tunnel.view.ttl !== tunnel.sentTtl) {
      extra.push(
        toFinding(ttlRule, packetRef(p), {
          record: tunnel.view.record,
          expected: `ttl ${tunnel.sentTtl}`,
          actual: `ttl ${tunnel.view.ttl}`,
          message: `the VXLAN tunnel should carry the inner packet unchanged: it left loop0 with TTL ${tunnel.sentTtl} in packet [${tunnel.sentPacket.index}]`,
        }),
      );
    }
    return checkPacket(p, rules, classifications[i], extra);
  });
  const findings = results.flatMap((r) => r.findings);
  return {
    rules: rules.map((r) => r.meta.id),
    packets: results,
    findings,
    flows,
    summary: {
      packets: results.length,
      conforming: results.filter((r) => r.verdict !== "violates").length,
      violating: results.filter((r) => r.verdict === "violates").length,
      errors: findings.filter((f) => f.severity === "error").length,
      warnings: findings.filter((f) => f.severity === "warning").length,
    },
  };
}
