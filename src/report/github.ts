/**
 * `check --format github`: one workflow command per finding (`::error file=…,line=…,col=…,
 * title=…::message`), which GitHub Actions turns into an annotation on the line of the trace
 * that holds the wrong value, and the Markdown of the job's step summary. Escaped as the
 * runner's own toolkit does (actions/toolkit, command.ts): `%`, CR and LF in the message;
 * also `:` and `,` in a property, which would end it.
 */
import type { CheckResult, Finding, PacketResult } from "../model/findings.js";
import { summaryLine } from "./check-text.js";
import { markdownText } from "./escape.js";
import { findingPlace } from "./finding-place.js";

const COMMAND = { error: "error", warning: "warning", info: "notice" } as const;

export const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function workflowCommand(f: Finding): string {
  const { line, column } = findingPlace(f);
  const properties = `file=${escapeProperty(f.file)},line=${line},col=${column},title=${escapeProperty(`vpptrace ${f.rule}`)}`;
  const message = `${f.message} (expected ${f.expected}, actual ${f.actual}) in packet [${f.packet.index}] ${f.packet.label} at ${f.node}`;
  return `::${COMMAND[f.severity]} ${properties}::${escapeData(message)}`;
}

/** Every finding's command. `findings`: all of them (each packet's, late ones merged). */
export const renderGithub = (result: CheckResult): string => result.findings.map((f) => `${workflowCommand(f)}\n`).join("");

/** A Markdown table cell of trace text: nothing in it is markup (see markdownText). */
const cell = markdownText;

/** Table rows at most: a step summary holds 1 MiB. */
export const SUMMARY_ROWS = 100;

function packetRows(packets: PacketResult[]): string[] {
  const failing = packets.filter((p) => p.verdict !== "conforms");
  const rows = failing.slice(0, SUMMARY_ROWS).map((p) => `| [${p.packet.index}] ${cell(p.packet.label)} | ${cell(`${p.packet.file}:${p.packet.line}`)} | ${p.verdict} | ${cell(p.scenario ?? p.reason ?? "")} |`);
  if (failing.length > SUMMARY_ROWS) rows.push(`| … and ${failing.length - SUMMARY_ROWS} more | | | |`);
  return rows.length === 0 ? [] : ["", "| packet | where | verdict | placed / why |", "|---|---|---|---|", ...rows];
}

function findingRows(findings: Finding[]): string[] {
  const rows = findings.slice(0, SUMMARY_ROWS).map((f) => {
    const { line, column } = findingPlace(f);
    return `| ${f.severity} | \`${f.rule}\` | ${cell(`${f.file}:${line}:${column}`)} | ${cell(f.expected)} | ${cell(f.actual)} | ${cell(f.message)} |`;
  });
  if (findings.length > SUMMARY_ROWS) rows.push(`| … and ${findings.length - SUMMARY_ROWS} more | | | | | |`);
  return rows.length === 0 ? [] : ["", "| severity | rule | where | expected | actual | message |", "|---|---|---|---|---|---|", ...rows];
}

/** The step summary: whether the gate failed, the totals, the packets that did not
 *  conform, the findings. */
export function renderStepSummary(result: CheckResult, failed: boolean): string {
  const mark = failed ? "❌" : "✅";
  return [`## ${mark} vpptrace check`, "", summaryLine(result.summary), ...packetRows(result.packets), ...findingRows(result.findings), ""].join("\n");
}
