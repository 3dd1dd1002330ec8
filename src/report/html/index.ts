/** HTML reports: the check report with path diagrams, and the diff report. */
import type { DiffResult } from "../../model/diff.js";
import type { CheckedPacket, CheckResult, CheckSummary } from "../../model/findings.js";
import type { Packet } from "../../model/trace.js";
import { uncheckedLine } from "../check-text.js";
import { buildDiffSections } from "./diff-view.js";
import { renderPage } from "./page.js";
import { buildReport } from "./view.js";

/** The totals in check's words. */
const checkSummaryLine = (s: CheckSummary): string =>
  `${s.packets} packet${s.packets === 1 ? "" : "s"}: ${s.conforming} conform, ${s.violating} violate, ${s.unchecked} unchecked, ${s.incomplete} incomplete (${s.errors} error${s.errors === 1 ? "" : "s"}, ${s.warnings} warning${s.warnings === 1 ? "" : "s"})`;

/** The page, and its totals: `failing` counts the packets `check` fails by default
 *  (violates or incomplete). */
export function renderCheckReport(packets: Packet[], checked: CheckedPacket[], result: CheckResult): { html: string; errors: number; failing: number; summary: CheckSummary } {
  const model = buildReport(packets, checked, result);
  const s = model.result.summary;
  const html = renderPage(
    {
      title: "vpptrace report",
      summary: `${checkSummaryLine(s)}; ${model.result.flows.length} cross-node flows; rules: ${model.result.rules.join(", ")}`,
      notices: s.unchecked > 0 ? [uncheckedLine(s.unchecked)] : [],
      legend: [
        ["conforms", "conforms"],
        ["violates", "violates: a rule found an error here"],
        ["unchecked", "unchecked: no place on the expected path, or no expected path for the packet"],
        ["incomplete", "incomplete: lines could not be read"],
      ],
    },
    model.sections,
  );
  return { html, errors: s.errors, failing: s.violating + s.incomplete, summary: s };
}

export function renderDiffReport(result: DiffResult, a: Packet[], b: Packet[]): string {
  const s = result.summary;
  const summary = `${s.pairs} pairs: ${s.identical} identical, ${s.different} different; ${s.onlyA} only in A, ${s.onlyB} only in B`;
  return renderPage(
    {
      title: "vpptrace diff",
      summary,
      legend: [
        ["conforms", "same"],
        ["violates", "changed"],
        ["unchecked", "only in A or only in B"],
      ],
    },
    buildDiffSections(result, a, b),
  );
}

export { renderPathSvg } from "./svg.js";
export { buildReport } from "./view.js";
export { findingsByRecord, recordKey } from "./findings-by-record.js";
