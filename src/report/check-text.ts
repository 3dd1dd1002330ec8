/** `check --format text`: one verdict line per packet as it is checked, then the table of
 *  findings, the cross-node flows and the totals. */
import Table from "cli-table3";
import { escapeControl } from "./escape.js";
import type { CheckResult, CheckSummary, Finding, PacketResult } from "../model/findings.js";
import { findingPlace } from "./finding-place.js";
import { COMPACT } from "./parse-text.js";
import { fitColumns, PLAIN, type TextStyle } from "./style.js";
import { count } from "./words.js";

const MARK = { conforms: "ok  ", violates: "FAIL", unchecked: "SKIP", incomplete: "FAIL" } as const;

/** A line break in a file name or caption would make a line of its own, which editors and
 *  CI annotations would read as another finding: each line of this report is one line. */
export const oneLine = (s: string): string => s.replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, " ");

export function verdictLine(r: PacketResult, style: TextStyle = PLAIN): string {
  return oneLine(verdictText(r, style));
}

function verdictText(r: PacketResult, style: TextStyle): string {
  const where = `${r.packet.file}:${r.packet.line}${r.packet.thread === null ? "" : ` thread ${r.packet.thread}`}`;
  const scenario = r.scenario === undefined ? "" : ` ${r.scenario}`;
  const rules = [...new Set(r.findings.map((f) => f.rule))];
  const detail = r.findings.length === 0 ? (r.reason === undefined ? "" : ` — ${r.reason}`) : ` — ${count(r.findings.length, "finding")}: ${rules.join(", ")}`;
  return `${style.verdict(MARK[r.verdict], r.verdict)} [${r.packet.index}] ${r.packet.label} (${where})${scenario}: ${r.verdict}${detail}`;
}

/** Table rows at most: cli-table3 lays out in quadratic time, and every finding is listed
 *  in full below the table anyway. */
export const TABLE_ROWS = 100;

/** `total`: how many findings there are in all, when `findings` holds only the first. */
export function renderFindingsTable(findings: Finding[], total = findings.length, where = "below", width?: number): string {
  const head = ["packet", "rule", "severity", "node@file:line", "expected", "actual"];
  // Control characters escaped before the layout, so that the widths are those shown.
  const rows = findings.slice(0, TABLE_ROWS).map((f) => [`[${f.packet.index}] ${f.packet.label}`, f.rule, f.severity, `${f.node}@${f.file}:${f.line}`, f.expected, f.actual].map(escapeControl));
  const fitted = width === undefined ? {} : { colWidths: fitColumns([head, ...rows], width), wordWrap: true, wrapOnWordBoundary: false };
  const table = new Table({ head, style: { head: [], border: [] }, chars: COMPACT, ...fitted });
  table.push(...rows);
  const more = total - Math.min(findings.length, TABLE_ROWS);
  return more > 0 ? `${table.toString()}
… and ${more} more findings, each listed ${where}` : table.toString();
}

/** A finding as GCC prints a diagnostic (`file:line:column: error: message`), which VS Code's
 *  `$gcc` problem matcher and CI log parsers pick up: where the value stands, what is wrong,
 *  what was expected against what the trace shows, and the rule id last as ESLint puts it. */
export function findingLine(f: Finding, style: TextStyle = PLAIN): string {
  const { line, column } = findingPlace(f);
  return oneLine(`${f.file}:${line}:${column}: ${style.severity(f.severity, f.severity)}: ${f.message} (expected ${f.expected}, actual ${f.actual}) [${f.rule}]`);
}

/** A packet's verdict line, and when it has findings, one line for each. */
export const verdictWithFindings = (r: PacketResult, style: TextStyle = PLAIN): string =>
  [verdictLine(r, style), ...r.findings.map((f) => findingLine(f, style))].map((l) => `${l}\n`).join("");

/**
 * What follows the verdict lines: findings, flows, totals. `streamed`: each finding was
 * printed under its verdict line already, all but these (cross-node findings found once
 * the other half arrived), and `result.findings` holds only the first of them.
 */
export function renderCheckText(result: CheckResult, streamed?: { late: Finding[] }, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  const total = streamed === undefined ? result.findings.length : result.summary.errors + result.summary.warnings;
  if (total > 0) {
    out.push("", renderFindingsTable(result.findings, total, streamed === undefined ? "below" : "above", style.width));
    for (const f of streamed?.late ?? result.findings) out.push(findingLine(f, style));
  }
  for (const f of result.flows) {
    out.push(`flow [${f.sent}] → [${f.received}]: ${f.scenario} ${f.direction}, one packet seen on both nodes; inner TTL ${f.ttlSent ?? "?"} into the VXLAN tunnel, ${f.ttlReceived ?? "?"} out of it`);
  }
  const s = result.summary;
  out.push(`${summaryLine(s)}; rules: ${result.rules.join(", ")}`);
  // Last, where a CI log is read: an unchecked packet passes the gate by default, but it was
  // compared with no expected path, which a reader must not miss.
  if (s.unchecked > 0) out.push(uncheckedLine(s.unchecked));
  return `${out.join("\n")}\n`;
}

/** The totals, as `check` and the HTML report print them. */
export const summaryLine = (s: CheckSummary): string =>
  `${count(s.packets, "packet")}: ${s.conforming} conform, ${s.violating} violate, ${s.unchecked} unchecked, ${s.incomplete} incomplete (${count(s.errors, "error")}, ${count(s.warnings, "warning")})`;

export const uncheckedLine = (n: number): string =>
  `${count(n, "packet")} unchecked: no expected path could be placed (see the reasons above)`;
