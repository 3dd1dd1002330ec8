/**
 * The self-contained HTML report: inline CSS, inline SVG, a few lines of inline script; no
 * network access needed to open it. A summary, a legend, a filter over the list of packets
 * (or differing pairs), then a section per packet or cross-node flow with its path diagram,
 * its findings (expected vs actual) or changed fields, and the raw trace lines of whichever
 * stage is clicked.
 */
import { createHash } from "node:crypto";
import { CSS, SCRIPT, VERDICT_CLASSES } from "./page-assets.js";
import { escapeXml, renderPathSvg, VERDICT_COLOURS, type VerdictColour } from "./svg.js";
import type { ChangeRow, FindingRow, SectionView, StageView } from "./view.js";

/**
 * The page may run its own script and use inline style, nothing else: no other script, no
 * network, no frames, forms or plugins — so a string from a trace that escaping somehow
 * missed still cannot run. The script is allowed by its hash, not by 'unsafe-inline'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src 'sha256-${createHash("sha256").update(SCRIPT).digest("base64")}'`,
  "style-src 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** A verdict as a class name: only the words above, anything else plain. */
const verdictClass = (verdict: string): string => (Object.hasOwn(VERDICT_CLASSES, verdict) ? `verdict-${verdict}` : "verdict");

const cell = (text: string, cls = ""): string => `<td${cls ? ` class="${cls}"` : ""}>${escapeXml(text)}</td>`;
const stageLink = (stage: StageView | undefined, text: string): string =>
  stage === undefined ? cell(text, "mono") : `<td class="mono"><a href="#stage-${escapeXml(stage.id)}">${escapeXml(text)}</a></td>`;

function findingsTable(rows: FindingRow[]): string {
  if (rows.length === 0) return "";
  const body = rows.map(({ id, finding: f, stageId }) => {
    const where = `${f.node}@${f.file}:${f.line}`;
    const link = stageId === undefined ? cell(where) : `<td><a href="#stage-${escapeXml(stageId)}">${escapeXml(where)}</a></td>`;
    return `<tr id="${escapeXml(id)}">${cell(f.rule)}${cell(f.severity)}${link}${cell(f.expected)}${cell(f.actual)}${cell(f.message)}</tr>`;
  });
  return `<div class="scroll"><table class="findings"><tr><th>rule</th><th>severity</th><th>stage (node@file:line)</th><th>expected</th><th>actual</th><th>why</th></tr>${body.join("")}</table></div>`;
}

function changesTable(rows: ChangeRow[] | undefined): string {
  if (rows === undefined || rows.length === 0) return "";
  const line = (s: StageView | undefined): string => (s === undefined ? "—" : `${s.file}:${s.line}`);
  const body = rows.map((r) => `<tr>${cell(r.node, "mono")}${cell(r.field, "mono")}${cell(r.a, "mono")}${cell(r.b, "mono")}${stageLink(r.aStage, line(r.aStage))}${stageLink(r.bStage, line(r.bStage))}</tr>`);
  return `<div class="scroll"><table class="changes"><tr><th>node</th><th>field</th><th>A</th><th>B</th><th>record in A</th><th>record in B</th></tr>${body.join("")}</table></div>`;
}

function section(s: SectionView): string {
  const stages = s.lanes.flatMap((l) => l.slots).filter((st): st is StageView => st !== undefined);
  const raws = stages.map((st) => `<pre class="raw" id="raw-${escapeXml(st.id)}">${escapeXml([`${st.file}:${st.line}`, ...st.raw].join("\n"))}</pre>`);
  const diagram = renderPathSvg(`svg-${escapeXml(s.id)}`, s.lanes, { aligned: s.aligned, hop: s.hop });
  return `<section id="${escapeXml(s.id)}"><h2>${escapeXml(s.title)} — <span class="${verdictClass(s.verdict)}">${escapeXml(s.verdict)}</span></h2><p class="sub">${escapeXml(s.subtitle)}</p><div class="diagram">${diagram}</div>${findingsTable(s.findings)}${changesTable(s.changes)}${raws.join("")}</section>`;
}

export interface PageText {
  title: string;
  summary: string;
  /** Lines a reader must not miss (unchecked packets), shown under the summary. */
  notices?: string[];
  /** The colours used, each with what it means on this page. */
  legend: [VerdictColour, string][];
  /** What else the drawing shows (outlines, links), in words after the colours. */
  legendNote: string;
  /** The list's first column head (what a section is), and the heads between it and the verdict. */
  listName: string;
  listHead: string[];
  /** The verdict words the filter offers. */
  verdicts: string[];
  /** The list has a column with each section's number of findings. */
  countFindings?: boolean;
}

function listRow(s: SectionView, countFindings: boolean): string {
  const data = `data-section="${escapeXml(s.id)}" data-verdict="${escapeXml(s.verdict)}" data-scenario="${escapeXml(s.scenario)}" data-addresses="${escapeXml(s.addresses.join(" "))}"`;
  const count = countFindings ? cell(String(s.findings.length)) : "";
  return `<tr ${data}><td><a href="#${escapeXml(s.id)}">${escapeXml(s.name)}</a></td>${s.cells.map((c) => cell(c, "mono")).join("")}<td class="${verdictClass(s.verdict)}">${escapeXml(s.verdict)}</td>${count}</tr>`;
}

function filterBox(text: PageText, sections: SectionView[]): string {
  const options = (values: string[]) => [`<option value="">any</option>`, ...values.map((v) => `<option value="${escapeXml(v)}">${escapeXml(v)}</option>`)].join("");
  const scenarios = [...new Set(sections.map((s) => s.scenario).filter((s) => s !== ""))].sort();
  const n = sections.length;
  return (
    `<div class="filter"><label>verdict <select id="f-verdict">${options(text.verdicts)}</select></label>` +
    `<label${scenarios.length === 0 ? " hidden" : ""}>scenario <select id="f-scenario">${options(scenarios)}</select></label>` +
    `<label>address <input id="f-address" type="search" placeholder="10.1.1.3" size="16"></label><span id="f-count">${n} of ${n} shown</span></div>`
  );
}

export function renderPage(text: PageText, sections: SectionView[]): string {
  const legendHtml = text.legend.map(([k, words]) => `<span style="background:${VERDICT_COLOURS[k].fill};border-color:${VERDICT_COLOURS[k].stroke}">${escapeXml(words)}</span>`).join("");
  const notices = (text.notices ?? []).map((n) => `<p class="notice">${escapeXml(n)}</p>`).join("");
  const head = [text.listName, ...text.listHead, "verdict", ...(text.countFindings ? ["findings"] : [])].map((h) => `<th>${escapeXml(h)}</th>`).join("");
  const rows = sections.map((s) => listRow(s, text.countFindings === true));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"><title>${escapeXml(text.title)}</title><style>${CSS}</style></head>
<body><h1>${escapeXml(text.title)}</h1><p class="sub">${escapeXml(text.summary)}</p>${notices}
<p class="legend">${legendHtml}<br>${escapeXml(text.legendNote)}</p>
${filterBox(text, sections)}
<div class="scroll"><table id="list"><tr>${head}</tr>${rows.join("")}</table></div>
${sections.map(section).join("\n")}
<script>${SCRIPT}</script></body></html>
`;
}
