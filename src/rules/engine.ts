/**
 * Runs the selected rules over every packet and gives each packet its verdict. Each packet
 * is first matched once (src/match: its connection, its expected path on the node it was
 * captured on, the alignment of its records with that path), so expectation rules compare
 * it with what the reference forwarder says VPP should do; cross-node captures of one
 * packet are paired into flows.
 * The Checker takes packets in batches, as a stream delivers them; checkPackets is the
 * whole-input form.
 */
import type { CheckedPacket, CheckResult, CheckSummary, Finding, PacketRef, PacketResult, Verdict } from "../model/findings.js";
import type { PacketMatch } from "../model/expectation.js";
import type { Cluster } from "../dataplanes/contiv/cluster.js";
import type { DataPlane } from "../dataplanes/types.js";
import type { FieldName, Packet, Severity } from "../model/trace.js";
import { own, ownName } from "../model/own.js";
import { packetRef } from "../model/ref.js";
import { headerViews, VIEW_FIELDS, type HeaderView } from "../trace/headers.js";
import { defaultCluster } from "../dataplanes/contiv/defaults.js";
import { ContivDataPlane } from "../dataplanes/contiv/plane.js";
import { describeMatch, MATCH_FIELDS, Matcher } from "../match/index.js";
import { TunnelIndex, type TunnelTtlChange } from "../match/correlate.js";
import { MAX_TABLE_ENTRIES } from "../match/bounded.js";
import { allRules } from "./index.js";
import type { Report, Rule, RuleContext } from "./types.js";

export interface CheckOptions {
  /** Run only these rule ids (`--rule`). */
  only?: string[];
  /** Do not run these rule ids (`--skip`). */
  skip?: string[];
  rules?: Rule[];
  /** The data plane whose configuration the packets are walked through. */
  plane?: DataPlane;
  /** Shorthand for a Contiv/VPP data plane of this cluster; Contiv's defaults when neither is given. */
  cluster?: Cluster;
  /** Place packets on their expected paths (default); off, only the invariants are judged
   *  and every packet is at best `unchecked`. */
  scenarios?: boolean;
  /** Keep at most this many findings for the result (the summary counts them all), so a
   *  long stream whose verdicts are written as they come holds no growing list. */
  maxFindings?: number;
  /** How many entries each table that outlives a packet holds (match/bounded.ts). */
  maxTableEntries?: number;
  /** Every input file is part of one capture for connection state (`--one-capture`); by
   *  default each file is its own capture, unless it only adds other nodes' packets. */
  oneCapture?: boolean;
  /** The severity of every finding of these rule ids (a configuration's `warn`/`error`),
   *  in place of the rule's own. */
  severities?: Record<string, Severity>;
}

export class UnknownRuleError extends Error {}

export function selectRules(options: CheckOptions = {}): Rule[] {
  const all = options.rules ?? allRules;
  const known = new Set(all.map((r) => r.meta.id));
  for (const id of [...(options.only ?? []), ...(options.skip ?? [])]) {
    if (!known.has(id)) throw new UnknownRuleError(`unknown rule '${id}'; rules: ${[...known].join(", ")}`);
  }
  const selected = all.filter((r) => (options.only === undefined || options.only.length === 0 || options.only.includes(r.meta.id)) && !options.skip?.includes(r.meta.id));
  // A gate that runs no rule passes everything: refuse it rather than say "conforms".
  if (selected.length === 0) throw new UnknownRuleError(`no rule left to run: --rule ${options.only?.join(",")} --skip ${options.skip?.join(",")} select none`);
  return selected;
}

export { packetRef };

function toFinding(rule: Rule, ref: PacketRef, r: Report, configured?: Severity): Finding {
  const finding: Finding = {
    rule: rule.meta.id,
    severity: configured ?? r.severity ?? rule.meta.severity,
    packet: ref,
    node: ownName(r.record.node),
    file: ownName(r.record.file),
    line: r.record.line,
    expected: own(r.expected),
    actual: own(r.actual),
    message: own(r.message),
  };
  if (r.at !== undefined) finding.at = { line: r.at.line, column: r.at.column };
  return finding;
}

/** An error outweighs everything; a packet the rules could not fully read, or not compare
 *  with an expected path, never passes as conforming. */
function verdictOf(findings: Finding[], packet: Packet, match: PacketMatch | undefined): Pick<PacketResult, "verdict" | "reason"> {
  if (findings.some((f) => f.severity === "error")) return { verdict: "violates" };
  if (packet.incomplete) return { verdict: "incomplete", reason: "some lines of the packet could not be read (see the warnings)" };
  if (match?.kind === "unplaced") return { verdict: "unchecked", reason: match.reason };
  return { verdict: "conforms" };
}

const SUMMARY_KEY = { conforms: "conforming", violates: "violating", unchecked: "unchecked", incomplete: "incomplete" } as const;

export class Checker {
  readonly rules: Rule[];
  private readonly matcher: Matcher | undefined;
  private readonly tunnels: TunnelIndex;
  /** Tunnel findings about a packet checked before its other half arrived. */
  readonly lateFindings: Finding[] = [];
  private readonly totals: CheckSummary = { packets: 0, conforming: 0, violating: 0, unchecked: 0, incomplete: 0, errors: 0, warnings: 0 };
  private readonly findings: Finding[] = [];
  private readonly maxFindings: number;
  private readonly maxTableEntries: number;
  private readonly severities: Record<string, Severity>;

  constructor(options: CheckOptions = {}) {
    this.rules = selectRules(options);
    this.severities = options.severities ?? {};
    this.maxFindings = options.maxFindings ?? Infinity;
    this.maxTableEntries = options.maxTableEntries ?? MAX_TABLE_ENTRIES;
    // Packets are placed when a selected rule compares them with an expected path; with
    // invariants alone (`--rule ip4-checksum`) a packet conforms when they hold.
    const placing = options.scenarios !== false && this.rules.some((r) => r.meta.kind === "expectation" || r.meta.usesExpectation === true);
    this.matcher = placing ? new Matcher(options.plane ?? new ContivDataPlane(options.cluster ?? defaultCluster()), options.maxTableEntries, options.oneCapture) : undefined;
    this.tunnels = new TunnelIndex(options.maxTableEntries);
  }

  /** What checking a packet reads of its records: its header views, what placing it reads,
   *  what the selected rules read. A reader may decode only these (ParseOptions.fields). */
  get fieldsRead(): FieldName[] {
    const fields = new Set<FieldName>([...VIEW_FIELDS, ...(this.matcher === undefined ? [] : MATCH_FIELDS)]);
    for (const rule of this.rules) for (const field of rule.reads) fields.add(field);
    return [...fields];
  }

  /** The selected rules that compare a packet with its expected path: what an `unchecked`
   *  packet skips in JUnit and TAP. */
  get expectationRuleIds(): string[] {
    return this.rules.filter((r) => r.meta.kind === "expectation").map((r) => r.meta.id);
  }

  get flows() {
    return this.tunnels.flows;
  }

  /** What the run could not hold and let go, in words: the check was narrower than the input
   *  (see match/bounded.ts). Empty when nothing was let go. */
  get evictions(): string[] {
    const notices: string[] = [];
    const connections = this.matcher?.evictedConnections ?? 0;
    if (connections > 0) notices.push(`the connection table was full (${this.maxTableEntries} entries): its ${connections} oldest were let go, so a later packet of one of those connections was placed without what came before it`);
    if (this.tunnels.evicted > 0) notices.push(`${this.tunnels.evicted} cross-node packets were let go unmatched while waiting for their other half (the most held is ${this.maxTableEntries}): the TTL through the tunnel was not compared for them`);
    return notices;
  }

  /** Learn the connections of packets that come before they are checked (a whole input's
   *  first pass: a reply may come before its request). */
  learn(packets: Packet[]): void {
    for (const packet of packets) this.matcher?.learn(packet, headerViews(packet));
  }

  check(packets: Packet[]): PacketResult[] {
    return packets.map((packet) => this.checkOne(packet, headerViews(packet)).result);
  }

  /** Check a batch, keeping each packet's match beside its result. */
  checkDetailed(packets: Packet[]): CheckedPacket[] {
    return packets.map((packet) => this.checkOne(packet, headerViews(packet)));
  }

  private checkOne(packet: Packet, views: HeaderView[]): CheckedPacket {
    const match: PacketMatch | undefined = this.matcher?.match(packet, views);
    const ref = packetRef(packet);
    const findings: Finding[] = [];
    const expectation = match?.kind === "placed" ? match.expectation : undefined;
    // One context for all rules: `report` files a finding under the rule running.
    let running = this.rules[0];
    const context: RuleContext = { packet, views, expectation, report: (r) => findings.push(toFinding(running, ref, r, this.severities[running.meta.id])) };
    for (const rule of this.rules) {
      running = rule;
      rule.check(context);
    }
    const change = match === undefined ? undefined : this.tunnels.add(packet, match, ref, views);
    if (change !== undefined) {
      const finding = this.tunnelFinding(change);
      if (finding !== undefined) (change.received === packet.index ? findings : this.lateFindings).push(finding);
    }
    findings.sort((a, b) => a.line - b.line);
    const { verdict, reason } = verdictOf(findings, packet, match);
    const result: PacketResult = { packet: ref, verdict, findings };
    if (match?.kind === "placed") {
      const e = match.expectation;
      result.scenario = ownName(describeMatch(match));
      result.placement = { scenario: e.scenario, direction: e.direction, phase: e.phase, k8sNode: e.k8sNode, role: e.role };
    }
    if (reason !== undefined) result.reason = own(reason);
    this.count(result);
    return { result, match: match ?? { kind: "unplaced", reason: "no selected rule compares packets with an expected path" } };
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

  private countVerdict(verdict: Verdict, by: number): void {
    this.totals[SUMMARY_KEY[verdict]] += by;
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
    }, this.severities[rule.meta.id]);
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
    return {
      rules: this.rules.map((r) => r.meta.id),
      expectationRules: this.expectationRuleIds,
      packets,
      findings: this.findings,
      flows: this.flows,
      summary: { ...this.totals },
    };
  }
}

/** Check a whole input, keeping each packet's match beside its result (for reporters that
 *  draw it): responses may come before their requests, so the connections are learnt in a
 *  first pass. */
export function checkWholeInput(packets: Packet[], options: CheckOptions = {}): { checked: CheckedPacket[]; result: CheckResult } {
  const checker = new Checker(options);
  checker.learn(packets);
  const checked = checker.checkDetailed(packets);
  return { checked, result: checker.result(checked.map((c) => c.result)) };
}

/** Check a whole input (see checkWholeInput). */
export function checkPackets(packets: Packet[], options: CheckOptions = {}): CheckResult {
  return checkWholeInput(packets, options).result;
}
