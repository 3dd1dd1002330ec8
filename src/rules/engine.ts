/**
 * Runs the selected rules over every packet and collects findings with their packet,
 * record position and a verdict per packet. Rules are pure; the engine only fills in the
 * packet reference and the severity default.
 */
import type { CheckResult, Finding, PacketRef, PacketResult } from "../model/findings.js";
import type { Packet } from "../model/trace.js";
import { invariantRules } from "./index.js";
import type { Rule } from "./types.js";

export interface CheckOptions {
  /** Run only these rule ids (`--rule`). */
  only?: string[];
  /** Do not run these rule ids (`--skip`). */
  skip?: string[];
  rules?: Rule[];
}

export class UnknownRuleError extends Error {}

export function selectRules(options: CheckOptions = {}): Rule[] {
  const all = options.rules ?? invariantRules;
  const known = new Set(all.map((r) => r.meta.id));
  for (const id of [...(options.only ?? []), ...(options.skip ?? [])]) {
    if (!known.has(id)) throw new UnknownRuleError(`unknown rule '${id}'; rules: ${[...known].join(", ")}`);
  }
  return all.filter((r) => (options.only === undefined || options.only.length === 0 || options.only.includes(r.meta.id)) && !options.skip?.includes(r.meta.id));
}

export function packetRef(p: Packet): PacketRef {
  return { index: p.index, label: p.label, file: p.file, line: p.line, thread: p.thread?.index ?? null, number: p.number };
}

function checkPacket(packet: Packet, rules: Rule[]): PacketResult {
  const ref = packetRef(packet);
  const findings: Finding[] = [];
  for (const rule of rules) {
    rule.check({
      packet,
      report: (r) =>
        findings.push({
          rule: rule.meta.id,
          severity: r.severity ?? rule.meta.severity,
          packet: ref,
          node: r.record.node,
          file: r.record.file,
          line: r.record.line,
          expected: r.expected,
          actual: r.actual,
          message: r.message,
        }),
    });
  }
  findings.sort((a, b) => a.line - b.line);
  const verdict = findings.some((f) => f.severity === "error") ? "violates" : findings.some((f) => f.severity === "warning") ? "warns" : "conforms";
  return { packet: ref, verdict, findings };
}

export function checkPackets(packets: Packet[], options: CheckOptions = {}): CheckResult {
  const rules = selectRules(options);
  const results = packets.map((p) => checkPacket(p, rules));
  const findings = results.flatMap((r) => r.findings);
  return {
    rules: rules.map((r) => r.meta.id),
    packets: results,
    findings,
    summary: {
      packets: results.length,
      conforming: results.filter((r) => r.verdict !== "violates").length,
      violating: results.filter((r) => r.verdict === "violates").length,
      errors: findings.filter((f) => f.severity === "error").length,
      warnings: findings.filter((f) => f.severity === "warning").length,
    },
  };
}
