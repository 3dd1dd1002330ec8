/** HTML reports: the check report with path diagrams, and the diff report. */
import type { DiffResult } from "../../model/diff.js";
import type { CheckedPacket, CheckResult } from "../../model/findings.js";
import type { Packet } from "../../model/trace.js";
import { summaryLine, uncheckedLine } from "../check-text.js";
import { buildDiffSections } from "./diff-view.js";
import { renderPage } from "./page.js";
import { buildReport } from "./view.js";

/** The page of packets the checker has checked: its results and matches, drawn. */
export function renderCheckReport(packets: Packet[], checked: CheckedPacket[], result: CheckResult): string {
  const model = buildReport(packets, checked, result);
  const s = model.result.summary;
  return renderPage(
    {
      title: "vpptrace report",
      summary: `${summaryLine(s)}; ${model.result.flows.length} cross-node flows; rules: ${model.result.rules.join(", ")}`,
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
