import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { diffTraces } from "../../src/diff/index.js";
import { renderDiffReport } from "../../src/report/html/index.js";
import { checkReport } from "./check-report.js";
import { COLOURS } from "../../src/report/html/svg.js";
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
    const red = drawn.filter((s) => s.status === "violation");
    expect(red).toEqual([{ id: "p1-s8", status: "violation", stroke: COLOURS.violation.stroke }]);
    expect(drawn.filter((s) => s.status === "conforms").every((s) => s.stroke === COLOURS.conforms.stroke)).toBe(true);
    expect(html).toContain("<td>acl-action</td><td>error</td><td>acl-plugin-out-ip4-fa@bad.txt:37</td><td>action 3</td><td>action 1, acl 0 rule 0</td>");
  });

  it("marks a node the expected path has no place for as a violation, and keeps the rest of the path in place", () => {
    const text = sampleText("pod-to-pod-same-node-request.txt").replace("01:48:51:257008: ip4-lookup", "01:48:51:257007: my-plugin-node\n  widget 1\n01:48:51:257008: ip4-lookup");
    const drawn = stages(checkReport(parseTrace(text, { file: "x" }).packets, cluster).html);
    expect(drawn.filter((s) => s.status !== "conforms")).toEqual([{ id: "p1-s5", status: "violation", stroke: COLOURS.violation.stroke }]);
  });

  it("draws a packet that could not be placed in a scenario as not in the expectation", () => {
    const drawn = stages(checkReport(parseTrace(sampleText("pod-to-host-request.txt"), { file: "x" }).packets).html);
    expect(new Set(drawn.map((s) => `${s.status} ${s.stroke}`))).toEqual(new Set([`unexpected ${COLOURS.unexpected.stroke}`]));
  });

  it("draws the two paths of a differing pair one above the other, the first divergence outlined", () => {
    const a = parseTrace(sampleText("pod-to-pod-same-node-request.txt"), { file: "A" }).packets;
    const b = parseTrace(sampleText("pod-to-service-same-node-request.txt"), { file: "B" }).packets;
    const html = renderDiffReport(diffTraces(a, b), a, b);
    expect(html.match(/class="lane"/g)).toHaveLength(2);
    expect(html).toContain("first divergence: nat44-out2in: nat.session -1 → 5");
    expect(html.match(/class="stage first"/g)).toHaveLength(2);
  });

  it("stays readable for a 40-stage cross-node path: rows of 7 stages, no overlap", () => {
    const packet = parseTrace(sampleText("pod-to-pod-other-node-response-server-node.txt"), { file: "x" }).packets[0];
    packet.records = [...packet.records, ...packet.records].slice(0, 40);
    const html = checkReport([packet], cluster).html;
    const boxes = [...html.matchAll(/<g class="stage[^>]*>[\s\S]*?<rect x="(\d+)" y="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes).toHaveLength(40);
    expect(new Set(boxes.map(([x, y]) => `${x},${y}`)).size).toBe(40);
    expect(new Set(boxes.map(([, y]) => y)).size).toBe(Math.ceil(40 / 7));
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
