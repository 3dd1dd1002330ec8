import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/model/findings.js";
import { findingsByRecord } from "../../src/report/html/index.js";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { diffTraces } from "../../src/diff/index.js";
import { renderDiffReport } from "../../src/report/html/index.js";
import { checkReport } from "./check-report.js";
import { drawnPage, pageIndex } from "./drawn-page.js";
import { COLOURS } from "../../src/report/html/svg.js";
import { LANE, ROW_WIDTH } from "../../src/report/html/layout.js";
import { renderDot, renderMermaid } from "../../src/report/graph-text.js";
import { parseTrace } from "../../src/trace/index.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { inject } from "../rules/fault.js";

const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");
const allPackets = () => sampleFiles().flatMap((f, i) => parseTrace(sampleText(f), { file: `samples/${f}`, firstIndex: i + 1 }).packets);
const stages = (html: string) => [...html.matchAll(/<g class="stage[^"]*" data-stage="([^"]+)" data-status="([^"]+)"[^>]*>[\s\S]*?<rect [^>]*stroke="([^"]+)"/g)].map((m) => ({ id: m[1], status: m[2], stroke: m[3] }));

describe("HTML report", () => {
  it("draws one stage per node record, all conforming on the guide's traces, with no external resource", () => {
    const packets = allPackets();
    const { html, errors } = checkReport(packets, cluster);
    expect(errors).toBe(0);
    const drawn = stages(html);
    expect(drawn).toHaveLength(packets.reduce((n, p) => n + p.records.length, 0));
    expect(new Set(drawn.map((s) => s.status))).toEqual(new Set(["conforms"]));
    expect(html).not.toMatch(/(?:src|href)="https?:/);
    expect(html.match(/<svg /g)).toHaveLength(14); // 4 cross-node flows drawn as one diagram each
    expect(html).toContain("Flow [13] → [14]: pod-to-service-other-node request");
    for (const s of drawn) expect(html).toContain(`<pre class="raw" id="raw-${s.id}">`);
  });

  it("colours the stage of a known violation red and lists expected vs actual", () => {
    const text = inject("pod-to-pod-same-node-response.txt", ["action: 3, match: acl -1 rule 170 trace_bits 80000000", "action: 1, match: acl 0 rule 0 trace_bits 00000000"]);
    const { html, errors } = checkReport(parseTrace(text, { file: "bad.txt" }).packets, cluster);
    expect(errors).toBe(1);
    const drawn = stages(html);
    const red = drawn.filter((s) => s.status === "violates");
    expect(red).toEqual([{ id: "p1-s8", status: "violates", stroke: COLOURS.violates.stroke }]);
    expect(drawn.filter((s) => s.status === "conforms").every((s) => s.stroke === COLOURS.conforms.stroke)).toBe(true);
    expect(html).toContain('<tr id="finding-1-1"><td>acl-action</td><td>error</td><td><a href="#stage-p1-s8">acl-plugin-out-ip4-fa@bad.txt:37</a></td><td>action 3</td><td>action 1, acl 0 rule 0</td>');
  });

  it("marks a node the expected path has no place for as a violation, and keeps the rest of the path in place", () => {
    const text = sampleText("pod-to-pod-same-node-request.txt").replace("01:48:51:257008: ip4-lookup", "01:48:51:257007: my-plugin-node\n  widget 1\n01:48:51:257008: ip4-lookup");
    const drawn = stages(checkReport(parseTrace(text, { file: "x" }).packets, cluster).html);
    expect(drawn.filter((s) => s.status !== "conforms")).toEqual([{ id: "p1-s5", status: "violates", stroke: COLOURS.violates.stroke }]);
  });

  it("draws a packet that could not be placed in a scenario amber, and lists it as unchecked with check's reason", () => {
    const { html, page } = checkReport(parseTrace(sampleText("pod-to-host-request.txt"), { file: "x" }).packets);
    const drawn = stages(html);
    expect(new Set(drawn.map((s) => `${s.status} ${s.stroke}`))).toEqual(new Set([`unchecked ${COLOURS.unchecked.stroke}`]));
    expect(pageIndex(page).map((e) => e.verdict)).toEqual(["unchecked"]);
    expect(html).toMatch(/<p class="sub">x:1 — unchecked: 10\.20\.0\.2 is outside Contiv&#39;s address plan/);
  });

  it("draws the two paths of a differing pair one above the other, the first divergence outlined", () => {
    const a = parseTrace(sampleText("pod-to-pod-same-node-request.txt"), { file: "A" }).packets;
    const b = parseTrace(sampleText("pod-to-service-same-node-request.txt"), { file: "B" }).packets;
    const html = drawnPage(renderDiffReport(diffTraces(a, b), a, b));
    expect(html.match(/class="lane"/g)).toHaveLength(2);
    expect(html).toContain("first divergence: nat44-out2in: nat.session -1 → 5");
    expect(html.match(/class="stage first"/g)).toHaveLength(2);
  });

  it("stays readable for a 40-stage cross-node path: wrapped into rows no wider than the row width, no box overlapping another", () => {
    const packet = parseTrace(sampleText("pod-to-pod-other-node-response-server-node.txt"), { file: "x" }).packets[0];
    packet.records = [...packet.records, ...packet.records].slice(0, 40);
    const html = checkReport([packet], cluster).html;
    const boxes = [...html.matchAll(/<g class="stage[^>]*>[\s\S]*?<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"/g)].map((m) => m.slice(1, 5).map(Number));
    expect(boxes).toHaveLength(40);
    const overlap = (a: number[], b: number[]) => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
    expect(boxes.filter((a, i) => boxes.some((b, j) => i !== j && overlap(a, b)))).toEqual([]);
    expect(Math.max(...boxes.map(([x, , w]) => x + w))).toBeLessThanOrEqual(ROW_WIDTH + 2 * LANE.padding);
    expect(new Set(boxes.map(([, y]) => y)).size).toBeGreaterThan(2);
  });
});

describe("HTML report: verdicts, and strings from the trace", () => {
  it("names each packet's verdict as check does, and says how many packets are unchecked", () => {
    const garbled = sampleText("pod-to-pod-same-node-request.txt").replace("tx_sw_if_index 11 dpo-idx 12", "tx_sw_if_index eleven dpo-idx 12");
    const packets = [garbled, sampleText("pod-to-host-request.txt")].flatMap((t, i) => parseTrace(t, { file: `f${i}.txt`, firstIndex: i + 1 }).packets);
    const { html, failing } = checkReport(packets);
    expect(failing).toBe(1);
    expect(html).toContain('<span class="verdict-incomplete">incomplete</span>');
    expect(html).toContain('<span class="verdict-unchecked">unchecked</span>');
    expect(html).toContain("2 packets: 0 conform, 0 violate, 1 unchecked, 1 incomplete");
    expect(html).toContain('<p class="notice">1 packet unchecked: no expected path could be placed (see the reasons above)</p>');
    expect(html).not.toContain("verdict-warns");
    for (const word of ["conforms", "violates", "unchecked", "incomplete"]) expect(html).toMatch(new RegExp(`<span style="[^"]+">${word}`));
  });

  it("forbids everything but its own inline script and style, the script allowed by its hash", () => {
    const { page: html } = checkReport(parseTrace(sampleText("pod-to-host-request.txt"), { file: "x" }).packets);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'$/);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    expect(csp).toContain(`'sha256-${createHash("sha256").update(scripts[0]).digest("base64")}'`);
    expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<style>"));
    // Every other script element is data, which a browser never runs.
    expect([...html.matchAll(/<script( [^>]*)?>/g)].map((m) => (m[1] ?? "").trim()).filter((a) => a !== "")).toEqual(['type="application/json" id="report-index"', 'type="application/octet-stream" id="chunk-0"']);
  });

  it("escapes a hostile caption and a file name with quotes wherever they appear", () => {
    const caption = "<script>alert(1)</script>";
    const file = `x" onmouseover="alert(2)' y.txt`;
    const text = sampleText("pod-to-pod-same-node-request.txt").replace("SYN:", `${caption}:`);
    const packets = parseTrace(text, { file }).packets;
    expect(packets[0].label).toBe(caption);
    for (const html of [checkReport(packets, cluster).html, drawnPage(renderDiffReport(diffTraces(packets, packets.map((p) => ({ ...p, records: p.records.slice(1) }))), packets, packets))]) {
      expect(html.match(/<script>/g)).toHaveLength(1);
      expect(html.match(/<script/g)).toHaveLength(3); // the page's own, its index and its data
      expect(html).not.toContain("alert(1)</script>");
      expect(html).not.toMatch(/onmouseover="alert/);
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(html).toContain("x&quot; onmouseover=&quot;alert(2)&#39; y.txt");
    }
  });
});

describe("findings by record", () => {
  it("groups findings under file:line, in order, for the view to look up", () => {
    const f = (file: string, line: number, rule: string) => ({ file, line, rule }) as Finding;
    const byRecord = findingsByRecord([f("a", 3, "x"), f("a", 4, "y"), f("a", 3, "z"), f("b", 3, "w")]);
    expect([...byRecord.keys()]).toEqual(["a:3", "a:4", "b:3"]);
    expect(byRecord.get("a:3")!.map((x) => x.rule)).toEqual(["x", "z"]);
    expect(byRecord.get("c:1")).toBeUndefined();
  });

  it("keeps each of 100 000 findings under its record", () => {
    const findings = Array.from({ length: 100_000 }, (_, i) => ({ file: "big.txt", line: i % 50_000, rule: "r" }) as Finding);
    const byRecord = findingsByRecord(findings);
    expect(byRecord.size).toBe(50_000);
    expect(byRecord.get("big.txt:49999")).toHaveLength(2);
  });
});

describe("parse --format dot / mermaid", () => {
  const packets = parseTrace(sampleText("pod-to-host-request.txt"), { file: "f" }).packets;

  it("writes a Graphviz digraph with one node per record, chained", () => {
    const dot = renderDot(packets);
    expect(dot).toMatch(/^digraph vpptrace \{/);
    expect(dot.match(/p1_\d+ \[label=/g)).toHaveLength(9);
    expect(dot).toContain('p1_3 [label="acl-plugin-in-ip4-fa\\nacl 3 rule 0 action 2"];');
    expect(dot).toContain("p1_7 -> p1_8;");
  });

  it("writes a Mermaid flowchart", () => {
    const mermaid = renderMermaid(packets);
    expect(mermaid.split("\n")[0]).toBe("flowchart LR");
    expect(mermaid).toContain('p1_8["tap0-output<br/>ttl 63"]');
    expect(mermaid).toContain("p1_0 --> p1_1 --> p1_2");
  });
});
