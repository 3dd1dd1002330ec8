/**
 * The self-contained HTML report: inline CSS, inline SVG, a few lines of inline script; no
 * network access needed to open it. A summary table, then a section per packet or cross-node
 * flow with its path diagram, its findings (expected vs actual), and the raw trace lines of
 * whichever stage is clicked.
 */
import { createHash } from "node:crypto";
import type { Finding } from "../../model/findings.js";
import { escapeXml, renderPathSvg, VERDICT_COLOURS, type VerdictColour } from "./svg.js";
import type { SectionView } from "./view.js";

/** The colour of each word a section's verdict may be: check's four, and the diff's. */
const VERDICT_CLASSES: Record<string, VerdictColour> = {
  conforms: "conforms",
  violates: "violates",
  unchecked: "unchecked",
  incomplete: "incomplete",
  identical: "conforms",
  different: "violates",
  "only-a": "unchecked",
  "only-b": "unchecked",
};

const verdictCss = Object.entries(VERDICT_CLASSES)
  .map(([word, colour]) => `.verdict-${word}{color:${VERDICT_COLOURS[colour].stroke};font-weight:600}`)
  .join(" ");

/** A verdict as a class name: only the words above, anything else plain. */
const verdictClass = (verdict: string): string => (Object.hasOwn(VERDICT_CLASSES, verdict) ? `verdict-${verdict}` : "verdict");

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}
h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 2px} .sub{color:#555;margin:0 0 8px}
table{border-collapse:collapse;margin:8px 0} th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top} th{background:#eee}
${verdictCss}
.notice{border-left:4px solid ${VERDICT_COLOURS.unchecked.stroke};background:${VERDICT_COLOURS.unchecked.fill};padding:4px 10px;font-weight:600}
.legend span{display:inline-block;padding:1px 8px;margin-right:8px;border:1.5px solid}
svg.path{display:block;max-width:100%;height:auto;background:#fff}
.lane-box{fill:#f4f6fa;stroke:#9aa5b1} .lane-title{font:600 13px system-ui,sans-serif;fill:#333}
.node{font:600 11px ui-monospace,monospace;fill:#111} .label{font:10px ui-monospace,monospace;fill:#333}
.arrow{stroke:#555;stroke-width:1.3} .stage{cursor:pointer} .stage:focus rect,.stage.selected rect{stroke-width:4}
pre.raw{background:#111;color:#eee;padding:10px;overflow:auto;font:12px ui-monospace,monospace;display:none}
pre.raw.shown{display:block}
`;

const SCRIPT = `
document.addEventListener("click", (e) => {
  const stage = e.target.closest && e.target.closest(".stage");
  if (!stage) return;
  document.querySelectorAll(".stage.selected").forEach((s) => s.classList.remove("selected"));
  document.querySelectorAll("pre.raw.shown").forEach((p) => p.classList.remove("shown"));
  stage.classList.add("selected");
  const raw = document.getElementById("raw-" + stage.dataset.stage);
  if (raw) { raw.classList.add("shown"); raw.scrollIntoView({ block: "nearest" }); }
});
`;

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

function findingsTable(findings: Finding[]): string {
  if (findings.length === 0) return "";
  const rows = findings.map((f) => `<tr><td>${escapeXml(f.rule)}</td><td>${escapeXml(f.severity)}</td><td>${escapeXml(`${f.node}@${f.file}:${f.line}`)}</td><td>${escapeXml(f.expected)}</td><td>${escapeXml(f.actual)}</td><td>${escapeXml(f.message)}</td></tr>`);
  return `<table class="findings"><tr><th>rule</th><th>severity</th><th>node@file:line</th><th>expected</th><th>actual</th><th>why</th></tr>${rows.join("")}</table>`;
}

function section(s: SectionView): string {
  const raws = s.lanes.flatMap((l) => l.stages).map((st) => `<pre class="raw" id="raw-${st.id}">${escapeXml([`${st.file}:${st.line}`, ...st.raw].join("\n"))}</pre>`);
  return `<section id="${escapeXml(s.id)}"><h2>${escapeXml(s.title)} — <span class="${verdictClass(s.verdict)}">${escapeXml(s.verdict)}</span></h2><p class="sub">${escapeXml(s.subtitle)}</p>${renderPathSvg(s.lanes)}${findingsTable(s.findings)}${raws.join("")}</section>`;
}

export interface PageText {
  title: string;
  summary: string;
  /** Lines a reader must not miss (unchecked packets), shown under the summary. */
  notices?: string[];
  /** The colours used, each with what it means on this page. */
  legend: [VerdictColour, string][];
}

export function renderPage(text: PageText, sections: SectionView[]): string {
  const legendHtml = text.legend.map(([k, words]) => `<span style="background:${VERDICT_COLOURS[k].fill};border-color:${VERDICT_COLOURS[k].stroke}">${escapeXml(words)}</span>`).join("");
  const notices = (text.notices ?? []).map((n) => `<p class="notice">${escapeXml(n)}</p>`).join("");
  const index = sections.map((s) => `<tr><td><a href="#${escapeXml(s.id)}">${escapeXml(s.title)}</a></td><td>${escapeXml(s.subtitle)}</td><td class="${verdictClass(s.verdict)}">${escapeXml(s.verdict)}</td><td>${s.findings.length}</td></tr>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"><title>${escapeXml(text.title)}</title><style>${CSS}</style></head>
<body><h1>${escapeXml(text.title)}</h1><p class="sub">${escapeXml(text.summary)}</p>${notices}
<p class="legend">${legendHtml} — click a stage to see its raw trace lines.</p>
<table class="summary"><tr><th>packet / flow</th><th>where</th><th>verdict</th><th>findings</th></tr>${index.join("")}</table>
${sections.map(section).join("\n")}
<script>${SCRIPT}</script></body></html>
`;
}
