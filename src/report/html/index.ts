/** HTML reports: the check report with path diagrams, and the diff report. */
import type { DiffResult } from "../../model/diff.js";
import type { CheckedPacket, CheckResult } from "../../model/findings.js";
import type { Packet } from "../../model/trace.js";
import { buildDiffSections } from "./diff-view.js";
import { renderPage } from "./page.js";
import { buildReport } from "./view.js";

export function renderCheckReport(packets: Packet[], checked: CheckedPacket[], result: CheckResult): { html: string; errors: number } {
  const model = buildReport(packets, checked, result);
  const s = model.result.summary;
  const summary = `${s.packets} packets: ${s.conforming} conform, ${s.violating} violate, ${s.unchecked} unchecked, ${s.incomplete} incomplete (${s.errors} errors, ${s.warnings} warnings); ${model.result.flows.length} cross-node flows; rules: ${model.result.rules.join(", ")}`;
  const html = renderPage("vpptrace report", summary, model.sections, { conforms: "conforms", violation: "violation", unexpected: "not in the expectation" });
  return { html, errors: s.errors };
}

export function renderDiffReport(result: DiffResult, a: Packet[], b: Packet[]): string {
  const s = result.summary;
  const summary = `${s.pairs} pairs: ${s.identical} identical, ${s.different} different; ${s.onlyA} only in A, ${s.onlyB} only in B`;
  return renderPage("vpptrace diff", summary, buildDiffSections(result, a, b), { conforms: "same", violation: "changed", unexpected: "only in A or B" });
}

export { renderPathSvg } from "./svg.js";
export { buildReport } from "./view.js";
