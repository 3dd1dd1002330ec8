/**
 * `check --format tap`: TAP version 13, one test point per packet per rule, with a YAML
 * diagnostic block for each failure. Points stream as packets are checked; the plan comes
 * last, as TAP allows. A packet's verdict decides its points: `violates` — the rules that
 * found an error are `not ok`; `incomplete` — every point is `not ok` (the rules saw less
 * than VPP printed); `unchecked` — the points of the rules that compare a packet with its
 * expected path are `ok … # SKIP` with the reason (the invariants' points stand as run).
 */
import type { CheckResult, Finding, PacketResult } from "../model/findings.js";
import { oneLine } from "./check-text.js";

const yamlString = (s: string): string => JSON.stringify(s);

/**
 * Text for one TAP line. A `#` would start a directive — a caption `SYN # TODO x` would turn
 * a failure into an expected one, and `prove` would pass the run — so `#` and `\` are
 * escaped as TAP 13/14 say (`\#`, `\\`); a line break would start a line of its own.
 */
export const tapText = (s: string): string => oneLine(s.replace(/[\\#]/g, (c) => `\\${c}`));

function diagnosticBlock(findings: Finding[]): string[] {
  const lines = ["  ---"];
  lines.push(`  message: ${yamlString(findings[0].message)}`);
  lines.push(`  severity: ${findings[0].severity === "error" ? "fail" : findings[0].severity}`);
  lines.push("  findings:");
  for (const f of findings) {
    lines.push(`    - at: ${yamlString(`${f.file}:${f.line}`)}`, `      node: ${yamlString(f.node)}`, `      expected: ${yamlString(f.expected)}`, `      actual: ${yamlString(f.actual)}`, `      severity: ${f.severity}`);
  }
  lines.push("  ...");
  return lines;
}

function incompleteBlock(p: PacketResult): string[] {
  return ["  ---", `  message: ${yamlString(`lines of this packet could not be read: ${p.reason ?? "see the warnings"}`)}`, "  severity: fail", `  at: ${yamlString(`${p.packet.file}:${p.packet.line}`)}`, "  ..."];
}

/** One packet's test point for one rule, and its diagnostic block. */
function testPoint(p: PacketResult, rule: string, n: number, needsPath: boolean): string[] {
  const found = p.findings.filter((f) => f.rule === rule);
  const failed = found.some((f) => f.severity === "error") || p.verdict === "incomplete";
  const description = tapText(`[${p.packet.index}] ${p.packet.label} ${p.packet.file}: ${rule}`);
  const skip = p.verdict === "unchecked" && needsPath ? ` # SKIP ${tapText(`no expected path could be placed: ${p.reason ?? "unknown"}`)}` : "";
  const lines = [`${failed ? "not ok" : "ok"} ${n} - ${description}${skip}`];
  if (found.length > 0) lines.push(...diagnosticBlock(found));
  else if (p.verdict === "incomplete") lines.push(...incompleteBlock(p));
  return lines;
}

/** The header, then test points numbered from `start + 1`. */
export function renderTapPoints(results: PacketResult[], rules: string[], start: number, expectationRules: readonly string[] = []): string {
  const lines = start === 0 ? ["TAP version 13"] : [];
  let n = start;
  for (const p of results) for (const rule of rules) lines.push(...testPoint(p, rule, ++n, expectationRules.includes(rule)));
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** The closing plan; `streamed` test points were already written. With none written
 *  (a whole result at once), the points come first. */
export function renderTap(result: CheckResult, streamed = 0): string {
  const points = streamed === 0 ? renderTapPoints(result.packets, result.rules, 0, result.expectationRules) : "";
  const count = result.summary.packets * result.rules.length;
  return `${points === "" && streamed === 0 ? "TAP version 13\n" : ""}${points}1..${count}\n`;
}
