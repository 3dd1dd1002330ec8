/**
 * One section of the report as HTML: its title and verdict, its path diagram, its findings
 * (expected vs actual) or a diff's changed fields, and the raw trace lines of each stage
 * (hidden until the stage is clicked). The page's script draws a section with this code when
 * the section is shown, from the section's data: `makeSectionHtml` is self-contained, like
 * layout.ts and svg.ts, and the tests draw with the same code in Node.
 */
import type { SvgKit } from "./svg.js";
import type { ChangeRow, FindingRow, SectionView, StageRef, StageView } from "./view.js";

/** Self-contained: see the file's comment. `verdictWords`: the verdicts that have a colour. */
export function makeSectionHtml(svg: SvgKit, verdictWords: string[]) {
  const { escapeXml, renderPathSvg } = svg;
  const coloured = new Set(verdictWords);
  /** A verdict as a class name: only the words that have a colour, anything else plain. */
  const verdictClass = (verdict: string): string => (coloured.has(verdict) ? `verdict-${verdict}` : "verdict");
  const cell = (text: string, cls = ""): string => `<td${cls ? ` class="${cls}"` : ""}>${escapeXml(text)}</td>`;
  const stageLink = (stage: StageRef | undefined, text: string): string =>
    stage === undefined || stage === null ? cell(text, "mono") : `<td class="mono"><a href="#stage-${escapeXml(stage.id)}">${escapeXml(text)}</a></td>`;

  function findingsTable(rows: FindingRow[]): string {
    if (rows.length === 0) return "";
    const body = rows.map(({ id, finding: f, stageId }) => {
      const where = `${f.node}@${f.file}:${f.line}`;
      const link = stageId === undefined || stageId === null ? cell(where) : `<td><a href="#stage-${escapeXml(stageId)}">${escapeXml(where)}</a></td>`;
      return `<tr id="${escapeXml(id)}">${cell(f.rule)}${cell(f.severity)}${link}${cell(f.expected)}${cell(f.actual)}${cell(f.message)}</tr>`;
    });
    return `<div class="scroll"><table class="findings"><tr><th>rule</th><th>severity</th><th>stage (node@file:line)</th><th>expected</th><th>actual</th><th>why</th></tr>${body.join("")}</table></div>`;
  }

  function changesTable(rows: ChangeRow[] | undefined): string {
    if (rows === undefined || rows === null || rows.length === 0) return "";
    const line = (s: StageRef | undefined): string => (s === undefined || s === null ? "—" : `${s.file}:${s.line}`);
    const body = rows.map((r) => `<tr>${cell(r.node, "mono")}${cell(r.field, "mono")}${cell(r.a, "mono")}${cell(r.b, "mono")}${stageLink(r.aStage, line(r.aStage))}${stageLink(r.bStage, line(r.bStage))}</tr>`);
    return `<div class="scroll"><table class="changes"><tr><th>node</th><th>field</th><th>A</th><th>B</th><th>record in A</th><th>record in B</th></tr>${body.join("")}</table></div>`;
  }

  function sectionHtml(s: SectionView): string {
    const stages = s.lanes.flatMap((l) => l.slots).filter((st): st is StageView => st !== undefined && st !== null);
    const raws = stages.map((st) => `<pre class="raw" id="raw-${escapeXml(st.id)}">${escapeXml([`${st.file}:${st.line}`, ...st.raw].join("\n"))}</pre>`);
    const diagram = renderPathSvg(`svg-${escapeXml(s.id)}`, s.lanes, { aligned: s.aligned, hop: s.hop });
    return `<section id="${escapeXml(s.id)}"><h2>${escapeXml(s.title)} — <span class="${verdictClass(s.verdict)}">${escapeXml(s.verdict)}</span></h2><p class="sub">${escapeXml(s.subtitle)}</p><div class="diagram">${diagram}</div>${findingsTable(s.findings)}${changesTable(s.changes)}${raws.join("")}</section>`;
  }

  return { sectionHtml, verdictClass };
}
