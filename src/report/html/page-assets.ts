/**
 * The page's inline style and script. Text is never scaled: the smallest font is 11 px
 * (stage labels) at any window width, and what is wider than the window scrolls sideways.
 * The script links stages, finding rows and the URL (a stage's finding row and a row's
 * stage both by anchor, so a link to either can be shared) and filters the packet list.
 */
import { VERDICT_COLOURS, type VerdictColour } from "./svg.js";

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
.scroll,.diagram{overflow-x:auto;max-width:100%}
svg.path{display:block;background:#fff}
.lane-box{fill:#f4f6fa;stroke:#9aa5b1} .lane-title{font:600 13px ${MONO};fill:#333}
.t-node{font:600 12px ${MONO};fill:#111} .t-label{font:11px ${MONO};fill:#333}
.t-rule{font:700 11px ${MONO};fill:${VERDICT_COLOURS.violates.stroke}} .t-detail{font:11px ${MONO};fill:#5a0f0f}
.t-hop{font:600 11px ${MONO};fill:#1f5fa8} .hop-line{stroke:#1f5fa8;stroke-width:2.5;stroke-dasharray:6 3} .hop-box{fill:#fff;stroke:#1f5fa8}
.gap{fill:none;stroke:#bbb;stroke-dasharray:4 3}
.arrow{stroke:#555;stroke-width:1.3} .stage{cursor:pointer} .stage:focus rect,.stage.selected rect,.stage:target rect{stroke-width:4}
tr:target{background:#fff3b0;outline:2px solid ${VERDICT_COLOURS.violates.stroke}}
pre.raw{background:#111;color:#eee;padding:10px;overflow:auto;font:12px ${MONO};display:none}
pre.raw.shown{display:block}
[hidden]{display:none!important}
`;

export const SCRIPT = `
const all = (selector) => document.querySelectorAll(selector);
function select(stage) {
  all(".stage.selected").forEach((s) => s.classList.remove("selected"));
  all("pre.raw.shown").forEach((p) => p.classList.remove("shown"));
  stage.classList.add("selected");
  const raw = document.getElementById("raw-" + stage.dataset.stage);
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
function follow() {
  const target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target && target.classList.contains("stage")) {
    select(target);
    target.scrollIntoView({ block: "center", inline: "center" });
  }
}
window.addEventListener("hashchange", follow);
follow();
const field = (id) => document.getElementById(id);
function filter() {
  const verdict = field("f-verdict").value, scenario = field("f-scenario").value, address = field("f-address").value.trim();
  let shown = 0, total = 0;
  all("#list tr[data-section]").forEach((row) => {
    const ok = (!verdict || row.dataset.verdict === verdict) && (!scenario || row.dataset.scenario === scenario) &&
      (!address || row.dataset.addresses.split(" ").some((a) => a.startsWith(address)));
    row.hidden = !ok;
    const section = field(row.dataset.section);
    if (section) section.hidden = !ok;
    total += 1;
    if (ok) shown += 1;
  });
  field("f-count").textContent = shown + " of " + total + " shown";
}
["f-verdict", "f-scenario", "f-address"].forEach((id) => field(id).addEventListener("input", filter));
`;
