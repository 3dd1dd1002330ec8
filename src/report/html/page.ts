/**
 * The self-contained HTML report: inline CSS, inline script, no network access needed to
 * open it. A summary, a legend, a filter over the list of packets (or differing pairs), the
 * list, then the sections — a packet or cross-node flow each, with its path diagram, its
 * findings (expected vs actual) or changed fields, and the raw trace lines of whichever stage
 * is clicked.
 *
 * The page stays light however many packets it holds: the list is an index of one small
 * entry per section, and the sections are data — one JSON line each, gzipped in chunks of
 * about CHUNK_BYTES and stored as base64 — that the page's script decompresses and draws
 * when they are shown (the list draws only the rows in view; the sections as the reader
 * scrolls to them, filters them in or follows a link to one). Generation holds one chunk of
 * sections at a time; what it keeps is the compressed page.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { CSS, SCRIPT, VERDICT_CLASSES } from "./page-assets.js";
import { escapeXml, VERDICT_COLOURS, type VerdictColour } from "./svg.js";
import type { SectionView } from "./view.js";

/** Uncompressed bytes of section data per chunk: a chunk is decompressed whole when one of
 *  its sections is shown, so it is small enough to take a few milliseconds. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * The page may run its own script and use inline style, nothing else: no other script, no
 * network, no frames, forms or plugins — so a string from a trace that escaping somehow
 * missed still cannot run. The script is allowed by its hash, not by 'unsafe-inline'; the
 * data blocks (`<script type="application/json">`) are not scripts and never run.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src 'sha256-${createHash("sha256").update(SCRIPT).digest("base64")}'`,
  "style-src 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

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

/** A section's row in the list, and where its data is: chunk and line. `packets`: the
 *  packets it draws, so that a link to one of them (or to its stage or finding) finds it. */
export interface IndexEntry {
  id: string;
  name: string;
  verdict: string;
  scenario: string;
  addresses: string[];
  cells: string[];
  findings: number;
  packets: number[];
  chunk: number;
  line: number;
}

/** JSON inside a data block: `<` escaped so that no string can close the element. */
const dataJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c");

/** The sections as gzipped chunks of JSON lines, base64, and the index of the list. */
function packSections(sections: Iterable<SectionView>, packetsOf: (s: SectionView) => number[]): { index: IndexEntry[]; chunks: string[] } {
  const index: IndexEntry[] = [];
  const chunks: string[] = [];
  let pending: string[] = [];
  let size = 0;
  const seal = (): void => {
    chunks.push(gzipSync(pending.join("\n")).toString("base64"));
    pending = [];
    size = 0;
  };
  for (const s of sections) {
    const { id, name, verdict, scenario, addresses, cells } = s;
    index.push({ id, name, verdict, scenario, addresses, cells, findings: s.findings.length, packets: packetsOf(s), chunk: chunks.length, line: pending.length });
    const line = JSON.stringify(s);
    pending.push(line);
    size += line.length;
    if (size >= CHUNK_BYTES) seal();
  }
  if (pending.length > 0) seal();
  return { index, chunks };
}

function filterBox(text: PageText, index: IndexEntry[]): string {
  const options = (values: string[]) => [`<option value="">any</option>`, ...values.map((v) => `<option value="${escapeXml(v)}">${escapeXml(v)}</option>`)].join("");
  const scenarios = [...new Set(index.map((s) => s.scenario).filter((s) => s !== ""))].sort();
  const n = index.length;
  return (
    `<div class="filter"><label>verdict <select id="f-verdict">${options(text.verdicts)}</select></label>` +
    `<label${scenarios.length === 0 ? " hidden" : ""}>scenario <select id="f-scenario">${options(scenarios)}</select></label>` +
    `<label>address <input id="f-address" type="search" placeholder="10.1.1.3" size="16"></label><span id="f-count">${n} of ${n} shown</span></div>`
  );
}

/** The list: its head, and a scrolling box the script fills with the rows in view. */
function listBox(text: PageText): string {
  const heads = [text.listName, ...text.listHead, "verdict", ...(text.countFindings ? ["findings"] : [])];
  // The name and each cell share what the fixed verdict and findings columns leave.
  const columns = [`minmax(8em,1.2fr)`, ...text.listHead.map(() => "minmax(8em,1.4fr)"), "8em", ...(text.countFindings ? ["6.5em"] : [])].join(" ");
  return (
    `<div class="list" style="--columns:${columns}"><div class="row head" role="row">${heads.map((h) => `<span role="columnheader">${escapeXml(h)}</span>`).join("")}</div>` +
    `<div id="list" role="table"><div id="list-rows"></div></div></div>`
  );
}

/** The whole page; `packetsOf` names the packets each section draws (none for a diff). */
export function renderPage(text: PageText, sections: Iterable<SectionView>, packetsOf: (s: SectionView) => number[] = () => []): string {
  const { index, chunks } = packSections(sections, packetsOf);
  const legendHtml = text.legend.map(([k, words]) => `<span style="background:${VERDICT_COLOURS[k].fill};border-color:${VERDICT_COLOURS[k].stroke}">${escapeXml(words)}</span>`).join("");
  const notices = (text.notices ?? []).map((n) => `<p class="notice">${escapeXml(n)}</p>`).join("");
  const data = chunks.map((c, n) => `<script type="application/octet-stream" id="chunk-${n}">${c}</script>`).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"><title>${escapeXml(text.title)}</title><style>${CSS}</style></head>
<body><h1>${escapeXml(text.title)}</h1><p class="sub">${escapeXml(text.summary)}</p>${notices}
<p class="legend">${legendHtml}<br>${escapeXml(text.legendNote)}</p>
${filterBox(text, index)}
${listBox(text)}
<button id="earlier" type="button" hidden></button><div id="sections"></div><p id="more" class="sub"></p>
<script type="application/json" id="report-index">${dataJson({ countFindings: text.countFindings === true, sections: index })}</script>
${data}
<script>${SCRIPT}</script></body></html>
`;
}

export { VERDICT_CLASSES };
