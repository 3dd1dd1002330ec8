import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { diffTraces } from "../../src/diff/index.js";
import { renderDiffReport } from "../../src/report/html/index.js";
import { wrap } from "../../src/report/html/stage-lines.js";
import { parseTrace } from "../../src/trace/index.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { inject } from "../rules/fault.js";
import { checkWholeInput } from "../../src/rules/index.js";
import { checkReport } from "./check-report.js";
import { drawnPage, pageIndex } from "./drawn-page.js";

const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");
const allPackets = () => sampleFiles().flatMap((f, i) => parseTrace(sampleText(f), { file: `samples/${f}`, firstIndex: i + 1 }).packets);

/** The text lines drawn inside one stage, by its id. */
function stageText(html: string, id: string): string[] {
  const g = new RegExp(`<g class="stage[^"]*" data-stage="${id}"[^>]*>([\\s\\S]*?)</g>`).exec(html);
  expect(g, `stage ${id}`).not.toBeNull();
  return [...g![1].matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&gt;/g, ">"));
}

const stageIdOf = (html: string, node: string, file: string): string[] =>
  [...html.matchAll(/<g class="stage[^"]*" data-stage="([^"]+)"[^>]*><title>([^<]*)<\/title>/g)].filter((m) => m[2].startsWith(`${node} — ${file}`)).map((m) => m[1]);

describe("the text in each stage", () => {
  const { html, page } = checkReport(allPackets(), cluster);

  it("shows the translation on the NAT stage of the service request, with the addresses whole", () => {
    const [nat] = stageIdOf(html, "nat44-out2in", "samples/pod-to-service-other-node-request-client-node.txt");
    expect(stageText(html, nat)).toEqual(expect.arrayContaining(["NAT session 4", "dst 10.97.193.160:80 → 10.1.2.4:8080"]));
  });

  it("shows the reply's translation back to the service address on the NAT stage that has the session", () => {
    const text = stageIdOf(html, "nat44-in2out-slowpath", "samples/pod-to-service-same-node-response.txt").flatMap((id) => stageText(html, id));
    expect(text).toContain("src 10.1.1.5:8080 → 10.104.221.85:80");
  });

  it("shows the outer and inner headers on the VXLAN stages of both nodes", () => {
    const [encap] = stageIdOf(html, "vxlan4-encap", "samples/pod-to-service-other-node-request-client-node.txt");
    expect(stageText(html, encap)).toEqual(expect.arrayContaining(["VXLAN encap vni 10", "outer UDP 192.168.16.1:60039 → 192.168.16.2:4789", "inner TCP 10.1.1.3:49710 → 10.1.2.4:8080"]));
    const [decap] = stageIdOf(html, "vxlan4-input", "samples/pod-to-service-other-node-request-server-node.txt");
    expect(stageText(html, decap)).toEqual(expect.arrayContaining(["VXLAN decap vni 10", "outer UDP 192.168.16.1:60039 → 192.168.16.2:4789", "inner TCP 10.1.1.3:49710 → 10.1.2.4:8080"]));
  });

  it("joins the two lanes of a cross-node flow by the VXLAN hop, its VNI and outer addresses on the link", () => {
    const hop = /<g class="vxlan-hop" data-from="(p13-s\d+)" data-to="(p14-s0)">[\s\S]*?<text [^>]*>([^<]*)<\/text><\/g>/.exec(html);
    expect(hop).not.toBeNull();
    expect(hop![1]).toBe(`p13-s${parseTrace(sampleText("pod-to-service-other-node-request-client-node.txt")).packets[0].records.length - 1}`);
    expect(hop![3]).toBe("VXLAN vni 10 · outer UDP 192.168.16.1:60039 → 192.168.16.2:4789");
    expect(html.match(/class="vxlan-hop"/g)).toHaveLength(4);
  });

  it("gives each packet, stage and finding an anchor of its own", () => {
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(400);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (let p = 1; p <= 18; p++) expect(ids).toContain(`packet-${p}`);
  });

  it("says '1 cross-node flow' and '1 packet' in the singular", () => {
    const one = checkReport(parseTrace(sampleText("pod-to-pod-same-node-request.txt"), { file: "x" }).packets, cluster).html;
    expect(one).toContain("1 packet: 1 conform");
    expect(one).toContain("0 cross-node flows");
    const flow = ["pod-to-pod-other-node-request-client-node.txt", "pod-to-pod-other-node-request-server-node.txt"].flatMap((f, i) => parseTrace(sampleText(f), { file: f, firstIndex: i + 1 }).packets);
    expect(checkReport(flow, cluster).html).toContain("; 1 cross-node flow;");
  });

  it("gives every row of the packet list the verdict, scenario and addresses the filter reads", () => {
    const rows = pageIndex(page);
    expect(rows).toHaveLength(14);
    const flow = rows.find((r) => r.id === "flow-13-14")!;
    expect([flow.verdict, flow.scenario, flow.addresses.join(" "), flow.packets]).toEqual(["conforms", "pod-to-service-other-node", "10.1.1.3 10.97.193.160 10.1.2.4 192.168.16.1 192.168.16.2", [13, 14]]);
    expect(html).toContain('<select id="f-verdict"><option value="">any</option><option value="conforms">conforms</option><option value="violates">violates</option>');
  });
});

describe("the packet list", () => {
  it("gives each packet the verdict check gives it, also without a cluster file (unplaced packets are unchecked, not conforming)", () => {
    const packets = allPackets();
    const { page } = checkReport(packets);
    const { result } = checkWholeInput(packets, {});
    const listed = new Map(pageIndex(page).map((e) => [e.id, e.verdict]));
    const worst = (vs: string[]) => ["violates", "incomplete", "unchecked"].find((v) => vs.includes(v)) ?? "conforms";
    const expected = new Map<string, string>(result.flows.map((f) => [`flow-${f.sent}-${f.received}`, worst([result.packets[f.sent - 1].verdict, result.packets[f.received - 1].verdict])]));
    const inFlow = new Set(result.flows.flatMap((f) => [f.sent, f.received]));
    for (const p of result.packets) if (!inFlow.has(p.packet.index)) expected.set(`packet-${p.packet.index}`, p.verdict);
    expect(listed).toEqual(expected);
    expect([...listed.values()]).toContain("unchecked");
  });
});

describe("a stage a rule found wrong", () => {
  const text = inject("pod-to-pod-same-node-response.txt", ["action: 3, match: acl -1 rule 170 trace_bits 80000000", "action: 1, match: acl 0 rule 0 trace_bits 00000000"]);
  const html = checkReport(parseTrace(text, { file: "bad.txt" }).packets, cluster).html;

  it("shows the rule id, expected and actual in the box, and links to its finding row", () => {
    expect(stageText(html, "p1-s8")).toEqual(expect.arrayContaining(["acl-action (error)", "expected action 3", "actual action 1, acl 0 rule 0"]));
    expect(html).toMatch(/<g class="stage" data-stage="p1-s8" data-status="violates" id="stage-p1-s8" data-finding="finding-1-1"/);
    expect(html).toContain('<tr id="finding-1-1"><td>acl-action</td>');
    expect(html).toContain('<a href="#stage-p1-s8">acl-plugin-out-ip4-fa@bad.txt:37</a>');
  });
});

describe("wrapping a stage's label", () => {
  it("breaks at spaces and never cuts a word shorter than a line", () => {
    expect(wrap("GigabitEthernet0/8/0 (main interface, 192.168.16.1)", 30)).toEqual(["GigabitEthernet0/8/0 (main", "interface, 192.168.16.1)"]);
    expect(wrap("short", 30)).toEqual(["short"]);
  });

  it("splits a word longer than a line into whole lines, losing no character", () => {
    const word = "x".repeat(70);
    expect(wrap(`a ${word}`, 30)).toEqual(["a", "x".repeat(30), "x".repeat(30), "x".repeat(10)]);
  });
});

describe("the diff page", () => {
  const a = parseTrace(sampleText("pod-to-pod-same-node-request.txt"), { file: "A" }).packets;
  const b = parseTrace(sampleText("pod-to-service-same-node-request.txt"), { file: "B" }).packets;
  const html = drawnPage(renderDiffReport(diffTraces(a, b), a, b));

  it("lists each changed field with A, B and the record lines of both, and has no findings column", () => {
    expect(html).toContain('<table class="changes"><tr><th>node</th><th>field</th><th>A</th><th>B</th><th>record in A</th><th>record in B</th></tr>');
    expect(html).toMatch(/<tr><td class="mono">nat44-out2in<\/td><td class="mono">nat\.session<\/td><td class="mono">-1<\/td><td class="mono">5<\/td><td class="mono"><a href="#stage-d1-a-4">A:20<\/a><\/td><td class="mono"><a href="#stage-d1-b-4">B:18<\/a><\/td><\/tr>/);
    expect(html).not.toContain("<th>findings</th>");
    expect(html.match(/>first divergence<\/text>/g)).toHaveLength(2);
    expect(html).toContain("1 pair: 0 identical, 0 equivalent (same path, volatile values only), 1 different");
  });

  it("draws a packet only in one trace with its own stages, and the other side as an empty lane", () => {
    const both = [...a, ...parseTrace(sampleText("pod-to-host-request.txt"), { file: "A2", firstIndex: 2 }).packets];
    const page = drawnPage(renderDiffReport(diffTraces(both, b), both, b));
    expect(page).not.toContain("NaN");
    const only = /<section id="(pair-\d+)"><h2>[^<]*<span class="verdict-only-a">only-a<\/span>[\s\S]*?<\/section>/.exec(page);
    expect(only).not.toBeNull();
    expect(only![0].match(/<g class="stage/g)).toHaveLength(both[1].records.length);
    expect(only![0]).toContain("B: — no such packet in this trace");
    expect(only![0]).not.toContain('<table class="changes">');
  });

  it("aligns the two paths node against node, leaving a gap where a node is only in one trace", () => {
    const shorter = b.map((p) => ({ ...p, records: p.records.filter((r) => r.node !== "ethernet-input") }));
    const page = drawnPage(renderDiffReport(diffTraces(a, shorter), a, shorter));
    const xs = (side: string) => new Map([...page.matchAll(new RegExp(`data-stage="d1-${side}-(\\d+)"[^>]*><title>[^<]*</title><rect x="(\\d+)" y="(\\d+)"`, "g"))].map((m) => [Number(m[1]), Number(m[2])]));
    const [xa, xb] = [xs("a"), xs("b")];
    expect(xb.has(1)).toBe(false);
    expect(page).toMatch(/<rect x="\d+" y="\d+" width="\d+" height="\d+" rx="6" class="gap"\/>/);
    for (const [k, x] of xb) expect(xa.get(k)).toBe(x);
    expect(page).toContain("only in A");
    expect(page.match(/>first divergence<\/text>/g)).toHaveLength(1);
  });
});
