/**
 * Runs the selected rules over every packet and collects findings with their packet,
 * record position and a verdict per packet. Packets are first placed in the cluster
 * (described, or Contiv's defaults) so scenario rules can compare them with the forwarder's
 * expectation; cross-node captures of one packet are paired into flows.
 * The Checker takes packets in batches, as a stream delivers them; checkPackets is the
 * whole-input form.
 */
import type { CheckResult, CheckSummary, Finding, PacketRef, PacketResult } from "../model/findings.js";
import type { Cluster } from "../dataplanes/contiv/cluster.js";
import type { PacketExpectation } from "../model/expectation.js";
import type { Packet } from "../model/trace.js";
import { own, ownName } from "../model/own.js";
import { headerViews, type HeaderView } from "../trace/headers.js";
import { defaultCluster } from "../dataplanes/contiv/index.js";
import { alignPath } from "../forwarder/align.js";
import { classifyPacket, classifyPackets, type Classification, type ConnectionTable } from "../forwarder/classify.js";
import { TunnelIndex, type TunnelTtlChange } from "../forwarder/correlate.js";
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
  /** Keep at most this many findings for the result (the summary counts them all), so a
   *  long stream whose verdicts are written as they come holds no growing list. */
  maxFindings?: number;
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
  return { index: p.index, label: own(p.label), file: ownName(p.file), line: p.line, thread: p.thread?.index ?? null, number: p.number };
}

function toFinding(rule: Rule, ref: PacketRef, r: Report): Finding {
  return {
    rule: rule.meta.id,
    severity: r.severity ?? rule.meta.severity,
    packet: ref,
    node: ownName(r.record.node),
    file: ownName(r.record.file),
    line: r.record.line,
    expected: own(r.expected),
    actual: own(r.actual),
    message: own(r.message),
  };
}

function expectationOf(packet: Packet, c: Classification): PacketExpectation | undefined {
  if (c.kind !== "classified") return undefined;
  return { scenario: c.scenario, direction: c.direction, k8sNode: c.k8sNode, role: c.role, expected: c.expected, path: c.path, alignment: alignPath(packet.records, c.path.hops) };
}

export function describeClassification(c: Classification): string {
  return c.kind === "classified" ? `${c.scenario} ${c.direction} on ${c.k8sNode}${c.role === "node" ? "" : ` (${c.role})`}` : `unclassified: ${c.reason}`;
}

/** An error outweighs everything; a packet the rules could not fully read, or not compare
 *  with an expected path, never passes as conforming. */
function verdictOf(findings: Finding[], packet: Packet, classification: Classification): Pick<PacketResult, "verdict" | "reason"> {
  if (findings.some((f) => f.severity === "error")) return { verdict: "violates" };
  if (packet.incomplete) return { verdict: "incomplete", reason: "some lines of the packet could not be read (see the warnings)" };
  if (classification.kind === "unclassified") return { verdict: "unchecked", reason: classification.reason };
  return { verdict: "conforms" };
}

export class Checker {
  readonly rules: Rule[];
  private readonly cluster: Cluster;
  private readonly scenarios: boolean;
  private readonly table: ConnectionTable = new Map();
  private readonly tunnels = new TunnelIndex();
  /** Tunnel findings about a packet checked before its other half arrived. */
  readonly lateFindings: Finding[] = [];
  private readonly totals: CheckSummary = { packets: 0, conforming: 0, violating: 0, unchecked: 0, incomplete: 0, errors: 0, warnings: 0 };
  private readonly findings: Finding[] = [];
  private readonly maxFindings: number;

  constructor(options: CheckOptions = {}) {
    this.rules = selectRules(options);
    this.maxFindings = options.maxFindings ?? Infinity;
    this.cluster = options.cluster ?? defaultCluster();
    this.scenarios = options.scenarios !== false;
  }

  get flows() {
    return this.tunnels.flows;
  }

  /** Check a batch; `classifications` when the caller placed the packets already. */
  check(packets: Packet[], classifications?: Classification[]): PacketResult[] {
    return packets.map((packet, i) => {
      const views = headerViews(packet);
      return this.checkOne(packet, views, classifications?.[i] ?? this.classify(packet, views));
    });
  }

  private classify(packet: Packet, views: HeaderView[]): Classification {
    if (!this.scenarios) return { kind: "unclassified", reason: "scenarios not checked" };
    const c = classifyPacket(this.cluster, packet, this.table, views);
    if (c.kind === "classified" && c.direction === "request" && c.expected.flow.dst.ip !== c.expected.endpoint.ip) {
      const { dst } = c.expected.flow;
      const { endpoint } = c.expected;
      this.table.set(own(`${c.expected.flow.src.ip}:${c.expected.flow.src.port}`), { vip: { ip: own(dst.ip), port: dst.port }, endpoint: { ip: own(endpoint.ip), port: endpoint.port } });
    }
    return c;
  }

  private checkOne(packet: Packet, views: HeaderView[], classification: Classification): PacketResult {
    const ref = packetRef(packet);
    const findings: Finding[] = [];
    const expectation = expectationOf(packet, classification);
    for (const rule of this.rules) rule.check({ packet, views, expectation, report: (r) => findings.push(toFinding(rule, ref, r)) });
    const change = this.tunnels.add(packet, classification, ref, views);
    if (change !== undefined) {
      const finding = this.tunnelFinding(change);
      if (finding !== undefined) (change.received === packet.index ? findings : this.lateFindings).push(finding);
    }
    findings.sort((a, b) => a.line - b.line);
    const { verdict, reason } = verdictOf(findings, packet, classification);
    const result: PacketResult = { packet: ref, verdict, scenario: own(describeClassification(classification)), findings };
    if (reason !== undefined) result.reason = own(reason);
    this.count(result);
    return result;
  }

  private count(result: PacketResult): void {
    this.totals.packets++;
    this.countVerdict(result.verdict, 1);
    for (const f of result.findings) {
      this.keep(f);
      if (f.severity === "error") this.totals.errors++;
      else if (f.severity === "warning") this.totals.warnings++;
    }
  }

  private countVerdict(verdict: PacketResult["verdict"], by: number): void {
    const key = ({ conforms: "conforming", violates: "violating", unchecked: "unchecked", incomplete: "incomplete" } as const)[verdict];
    this.totals[key] += by;
  }

  private keep(finding: Finding): void {
    if (this.findings.length < this.maxFindings) this.findings.push(finding);
  }

  private tunnelFinding(change: TunnelTtlChange): Finding | undefined {
    const rule = this.rules.find((r) => r.meta.id === "ttl-decrement");
    if (rule === undefined) return undefined;
    return toFinding(rule, change.receivedRef, {
      record: change.record,
      expected: `ttl ${change.ttlSent}`,
      actual: `ttl ${change.ttlReceived}`,
      message: `the VXLAN tunnel should carry the inner packet unchanged: it left loop0 with TTL ${change.ttlSent} in packet [${change.sent}]`,
    });
  }

  /**
   * The result of everything checked, late tunnel findings merged in. `packets` are the
   * per-packet results the caller kept — all of them for JSON and JUnit, none when verdicts
   * were already written out (the totals and findings are the checker's own).
   */
  result(packets: PacketResult[]): CheckResult {
    for (const late of this.lateFindings) {
      const target = packets.find((p) => p.packet.index === late.packet.index);
      if (target !== undefined && !target.findings.includes(late)) {
        target.findings.push(late);
        target.findings.sort((a, b) => a.line - b.line);
        if (late.severity === "error" && target.verdict !== "violates") {
          this.countVerdict(target.verdict, -1);
          this.countVerdict("violates", 1);
          target.verdict = "violates";
          delete target.reason;
        }
      }
      this.keep(late);
      if (late.severity === "error") this.totals.errors++;
    }
    this.lateFindings.length = 0;
    return { rules: this.rules.map((r) => r.meta.id), packets, findings: this.findings, flows: this.flows, summary: { ...this.totals } };
  }
}

/** Check a whole input: responses may come before their requests, so packets are placed
 *  in two passes first. */
export function checkPackets(packets: Packet[], options: CheckOptions = {}): CheckResult {
  const checker = new Checker(options);
  const classifications = options.scenarios === false ? undefined : classifyPackets(options.cluster ?? defaultCluster(), packets);
  return checker.result(checker.check(packets, classifications));
}
