/**
 * The page's inline style and script. Text is never scaled: the smallest font is 11 px
 * (stage labels) at any window width, and what is wider than the window scrolls sideways;
 * the list's columns share the window's width, each cell at most two lines.
 *
 * The script draws what the reader looks at and nothing more: the list rows in view of the
 * list's scrolling box, and the sections a few at a time — the first ones, more as the
 * reader scrolls down (or earlier ones on request), the ones a filter keeps, the one a link
 * names. It decompresses a chunk of section data when a section in it is first shown
 * (DecompressionStream: Chromium 80, Firefox 113, Safari 16.4) and draws the section with
 * the code of layout.ts, svg.ts and section-html.ts, whose source it carries. It links
 * stages, finding rows and the URL (a stage's finding row and a row's stage both by anchor,
 * so a link to either can be shared).
 */
import { makeLayout } from "./layout.js";
import { makeSectionHtml } from "./section-html.js";
import { makeSvg, VERDICT_COLOURS, type VerdictColour } from "./svg.js";

/** The colour of each word a section's verdict may be: check's four, and the diff's. */
export const VERDICT_CLASSES: Record<string, VerdictColour> = {
  conforms: "conforms",
  violates: "violates",
  unchecked: "unchecked",
  incomplete: "incomplete",
  identical: "conforms",
  equivalent: "conforms",
  different: "violates",
  "only-a": "unchecked",
  "only-b": "unchecked",
};

const verdictCss = Object.entries(VERDICT_CLASSES)
  .map(([word, colour]) => `.verdict-${word}{color:${VERDICT_COLOURS[colour].stroke};font-weight:600}`)
  .join(" ");

const MONO = `"DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace`;

/** A list row's height: two lines of 12-pixel text and the padding (the script places rows
 *  by it, so it is fixed). */
export const ROW_PX = 40;

export const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fafafa;min-width:720px}
h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 2px} .sub{color:#555;margin:0 0 8px}
table{border-collapse:collapse;margin:8px 0;font-size:13px} th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top} th{background:#eee}
td.mono{font-family:${MONO};font-size:12px;white-space:nowrap}
${verdictCss}
.notice{border-left:4px solid ${VERDICT_COLOURS.unchecked.stroke};background:${VERDICT_COLOURS.unchecked.fill};padding:4px 10px;font-weight:600}
.legend{font-size:13px} .legend span{display:inline-block;padding:1px 8px;margin:2px 8px 2px 0;border:1.5px solid}
.filter{padding:6px 0;font-size:13px}
.filter label{margin-right:14px} .filter input,.filter select{font-size:13px}
.list{border:1px solid #ccc;background:#fff;margin:8px 0;font-size:12px}
.row{display:grid;grid-template-columns:var(--columns);height:${ROW_PX}px;box-sizing:border-box;border-bottom:1px solid #e3e3e3}
.row>*{padding:3px 8px;overflow:hidden;overflow-wrap:break-word;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;line-height:16px;border-left:1px solid #e3e3e3}
.row>:first-child{border-left:0} .row.head{background:#eee;font-weight:600;font-size:13px;height:auto} .row .mono{font-family:${MONO}}
#list{position:relative;max-height:min(50vh,${ROW_PX * 14}px);overflow-y:auto} #list-rows{position:relative} #list-rows .row{position:absolute;left:0;right:0}
.scroll,.diagram{overflow-x:auto;max-width:100%}
svg.path{display:block;background:#fff}
.lane-box{fill:#f4f6fa;stroke:#9aa5b1} .lane-title{font:600 13px ${MONO};fill:#333}
.t-node{font:600 12px ${MONO};fill:#111} .t-label{font:11px ${MONO};fill:#333}
.t-rule{font:700 11px ${MONO};fill:${VERDICT_COLOURS.violates.stroke}} .t-detail{font:11px ${MONO};fill:#5a0f0f}
.t-hop{font:600 11px ${MONO};fill:#1f5fa8} .hop-line{stroke:#1f5fa8;stroke-width:2.5;stroke-dasharray:6 3} .hop-box{fill:#fff;stroke:#1f5fa8}
.gap{fill:none;stroke:#bbb;stroke-dasharray:4 3}
.arrow{stroke:#555;stroke-width:1.3} .stage{cursor:pointer} .stage:focus rect,.stage.selected rect,.stage:target rect{stroke-width:4}
tr:target,tr.targeted{background:#fff3b0;outline:2px solid ${VERDICT_COLOURS.violates.stroke}}
pre.raw{background:#111;color:#eee;padding:10px;overflow:auto;font:12px ${MONO};display:none}
pre.raw.shown{display:block}
#earlier{margin:16px 0 0}
[hidden]{display:none!important}
`;

/** The drawing code, from its TypeScript source as compiled: the same functions the tests run. */
export const DRAW = `const draw = (${makeSectionHtml.toString()})((${makeSvg.toString()})((${makeLayout.toString()})(), ${JSON.stringify(VERDICT_COLOURS)}), ${JSON.stringify(Object.keys(VERDICT_CLASSES))});`;

const PAGE = `
const ROW = ${ROW_PX}, STEP = 8;
const all = (selector) => document.querySelectorAll(selector);
const field = (id) => document.getElementById(id);
const escapeXml = (s) => String(s).replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c]);
const { countFindings, sections: entries } = JSON.parse(field("report-index").textContent);
const byId = new Map(entries.map((e, i) => [e.id, i]));
const byPacket = new Map();
entries.forEach((e, i) => e.packets.forEach((p) => byPacket.has(p) || byPacket.set(p, i)));

/* Section data: a chunk decompressed once, when one of its sections is first shown. */
const chunks = new Map();
function chunkLines(n) {
  if (!chunks.has(n)) chunks.set(n, (async () => {
    const binary = atob(field("chunk-" + n).textContent);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
    return text.split("\\n");
  })());
  return chunks.get(n);
}
const sectionData = async (i) => JSON.parse((await chunkLines(entries[i].chunk))[entries[i].line]);

/* The list: only the rows in view of its box (and a few around them) are in the page. */
let shown = entries.map((_, i) => i);
const list = field("list"), rows = field("list-rows");
function rowHtml(e, k) {
  const cell = (text, cls) => '<span class="' + (cls || "") + '" title="' + escapeXml(text) + '">' + escapeXml(text) + "</span>";
  return '<div class="row" role="row" style="top:' + k * ROW + 'px" data-section="' + escapeXml(e.id) + '" data-verdict="' + escapeXml(e.verdict) + '">' +
    '<span title="' + escapeXml(e.name) + '"><a href="#' + escapeXml(e.id) + '">' + escapeXml(e.name) + "</a></span>" + e.cells.map((c) => cell(c, "mono")).join("") +
    cell(e.verdict, draw.verdictClass(e.verdict)) + (countFindings ? cell(String(e.findings)) : "") + "</div>";
}
function drawList() {
  rows.style.height = shown.length * ROW + "px";
  const first = Math.max(0, Math.floor(list.scrollTop / ROW) - 10);
  const last = Math.min(shown.length, Math.ceil((list.scrollTop + list.clientHeight) / ROW) + 10);
  let html = "";
  for (let k = first; k < last; k++) html += rowHtml(entries[shown[k]], k);
  rows.innerHTML = html;
}
list.addEventListener("scroll", () => requestAnimationFrame(drawList), { passive: true });

/* The sections: shown[start..end) are drawn; more are drawn as the reader nears the end. */
const container = field("sections"), earlier = field("earlier"), more = field("more");
let start = 0, end = 0, generation = 0, loading = -1;
async function drawRange(from, to) {
  const html = [];
  for (let k = from; k < to; k++) html.push(draw.sectionHtml(await sectionData(shown[k])));
  return html.join("");
}
function sayWhatIsLeft() {
  earlier.hidden = start === 0;
  earlier.textContent = "show the " + Math.min(STEP, start) + " sections before these (" + start + " before)";
  more.textContent = end < shown.length ? (shown.length - end) + " more below: drawn as you scroll" : "";
}
async function drawMore() {
  const g = generation;
  if (loading === g || end >= shown.length) return;
  loading = g;
  const from = end, to = Math.min(shown.length, end + STEP);
  const html = await drawRange(from, to);
  if (g !== generation) return;
  end = to;
  loading = -1;
  container.insertAdjacentHTML("beforeend", html);
  sayWhatIsLeft();
  nearEnd();
}
function nearEnd() {
  if (more.getBoundingClientRect().top < innerHeight + 600) drawMore();
}
window.addEventListener("scroll", nearEnd, { passive: true });
async function drawEarlier() {
  const g = generation, to = start, from = Math.max(0, start - STEP);
  const html = await drawRange(from, to);
  if (g !== generation) return;
  const first = container.firstElementChild, top = first ? first.getBoundingClientRect().top : 0;
  container.insertAdjacentHTML("afterbegin", html);
  start = from;
  if (first) scrollBy(0, first.getBoundingClientRect().top - top);
  sayWhatIsLeft();
}
earlier.addEventListener("click", drawEarlier);
async function drawFrom(k) {
  generation += 1;
  loading = -1;
  container.innerHTML = "";
  start = end = k;
  sayWhatIsLeft();
  await drawMore();
}

/* Stages, finding rows and the URL. */
function select(stage) {
  all(".stage.selected").forEach((s) => s.classList.remove("selected"));
  all("pre.raw.shown").forEach((p) => p.classList.remove("shown"));
  stage.classList.add("selected");
  const raw = field("raw-" + stage.dataset.stage);
  if (raw) raw.classList.add("shown");
  return raw;
}
function activate(stage) {
  const raw = select(stage);
  if (stage.dataset.finding) location.hash = stage.dataset.finding;
  else if (raw) raw.scrollIntoView({ block: "nearest" });
}
document.addEventListener("click", (e) => {
  const stage = e.target.closest && e.target.closest(".stage");
  if (stage) activate(stage);
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && e.target.classList && e.target.classList.contains("stage")) activate(e.target);
});
/* The section a link names: by its id, or by a packet, stage or finding in it. */
function sectionOf(id) {
  if (byId.has(id)) return byId.get(id);
  const packet = /^(?:packet-|stage-p|finding-)(\\d+)/.exec(id);
  if (packet) return byPacket.get(Number(packet[1]));
  const pair = /^stage-d(\\d+)-/.exec(id);
  return pair ? byId.get("pair-" + pair[1]) : undefined;
}
/* Draws and shows what the URL names; says whether it drew the sections anew. */
async function follow() {
  const id = location.hash.length > 1 ? decodeURIComponent(location.hash.slice(1)) : "";
  if (id === "") return false;
  let target = field(id);
  let drawn = false;
  if (!target) {
    const i = sectionOf(id);
    if (i === undefined) return false;
    if (!shown.includes(i)) clearFilter();
    await drawFrom(shown.indexOf(i));
    drawn = true;
    target = field(id);
    if (!target) return drawn;
    all(".targeted").forEach((t) => t.classList.remove("targeted"));
    target.classList.add("targeted");
    if (!target.classList.contains("stage")) target.scrollIntoView({ block: "start" });
  }
  if (target.classList.contains("stage")) {
    select(target);
    target.scrollIntoView({ block: "center", inline: "center" });
  }
  return drawn;
}
window.addEventListener("hashchange", follow);

/* The filter: over the index, then the list and the sections drawn again from the top. */
function clearFilter() {
  field("f-verdict").value = field("f-scenario").value = field("f-address").value = "";
  shown = entries.map((_, i) => i);
  showCount();
  drawList();
}
function showCount() {
  field("f-count").textContent = shown.length + " of " + entries.length + " shown";
}
function filter() {
  const verdict = field("f-verdict").value, scenario = field("f-scenario").value, address = field("f-address").value.trim();
  shown = [];
  entries.forEach((e, i) => {
    if ((!verdict || e.verdict === verdict) && (!scenario || e.scenario === scenario) && (!address || e.addresses.some((a) => a.startsWith(address)))) shown.push(i);
  });
  showCount();
  list.scrollTop = 0;
  drawList();
  drawFrom(0);
}
["f-verdict", "f-scenario", "f-address"].forEach((id) => field(id).addEventListener("input", filter));

drawList();
follow().then((drawn) => drawn || drawFrom(0)).then(() => document.body.setAttribute("data-drawn", ""));
`;

export const SCRIPT = `${DRAW}\n${PAGE}`;
