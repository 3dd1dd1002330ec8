import { XMLParser } from "fast-xml-parser";
import { Parser } from "tap-parser";
import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import type { CheckResult } from "../../src/model/findings.js";
import { renderCheckText } from "../../src/report/check-text.js";
import { renderJunit } from "../../src/report/junit.js";
import { renderTap } from "../../src/report/tap.js";
import { checkPackets } from "../../src/rules/index.js";
import { parseTrace } from "../../src/trace/index.js";
import { sampleText } from "../helpers.js";
import { inject } from "../rules/fault.js";

const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");

/** Four packets, one of each verdict, in four files. */
function fourVerdicts(): CheckResult {
  const conforming = sampleText("pod-to-pod-same-node-response.txt");
  const violating = inject("pod-to-pod-same-node-request.txt", ["3c341e40003f06f1870a01010c", "3c341e40004006f0870a01010c"], ["tos 0x00, ttl 63, length 60, checksum 0xf187", "tos 0x00, ttl 64, length 60, checksum 0xf087"]);
  const garbled = sampleText("pod-to-pod-same-node-request.txt").replace("tx_sw_if_index 11 dpo-idx 12", "tx_sw_if_index eleven dpo-idx 12");
  const packets = [conforming, violating].flatMap((text, i) => parseTrace(text, { file: `${["ok", "bad"][i]}.txt`, firstIndex: i + 1 }).packets);
  const placed = checkPackets(packets, { cluster });
  // Without the cluster file: the garbled rewrite line is not held against the egress, and
  // the host address 10.20.0.2 is outside Contiv's address plan.
  const others = [garbled, sampleText("pod-to-host-request.txt")].flatMap((text, i) => parseTrace(text, { file: `${["garbled", "unplaced"][i]}.txt`, firstIndex: i + 3 }).packets);
  const defaults = checkPackets(others);
  const summary = { ...placed.summary };
  for (const key of Object.keys(summary) as (keyof typeof summary)[]) summary[key] += defaults.summary[key];
  return { ...placed, packets: [...placed.packets, ...defaults.packets], summary };
}

const tapResults = (tap: string) => Parser.parse(tap).filter((e): e is ["assert", { ok: boolean; id: number; name: string; skip?: string | boolean; todo?: string | boolean }] => e[0] === "assert").map((e) => e[1]);
const tapComplete = (tap: string) => Parser.parse(tap).find((e) => e[0] === "complete")![1] as { ok: boolean; fail: number; pass: number; skip: number; todo: number; count: number };

describe("a packet's verdict in every format", () => {
  const result = fourVerdicts();

  it("has one packet of each verdict to show", () => {
    expect(result.packets.map((p) => p.verdict)).toEqual(["conforms", "violates", "incomplete", "unchecked"]);
    expect(result.packets[3].reason).toMatch(/10\.20\.0\.2/);
  });

  it("JUnit: skips an unchecked packet's expectation testcases with the reason, passes its invariants, and fails an incomplete one's", () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(renderJunit(result));
    const rules = result.rules.length;
    const expectations = result.expectationRules.length;
    expect(result.expectationRules).toEqual(["egress", "ingress", "nat-session", "path", "rewrite-mac", "vxlan"]);
    expect(xml.testsuites).toMatchObject({ tests: String(4 * rules), failures: String(1 + rules), skipped: String(expectations) });
    const [ok, bad, garbled, unplaced] = xml.testsuites.testsuite;
    expect(ok).toMatchObject({ failures: "0", skipped: "0" });
    expect(bad).toMatchObject({ failures: "1", skipped: "0" });
    expect(garbled).toMatchObject({ failures: String(rules), skipped: "0" });
    for (const c of garbled.testcase) expect(c.failure).toMatchObject({ type: "incomplete", message: expect.stringMatching(/^lines of this packet could not be read/) });
    expect(unplaced).toMatchObject({ failures: "0", skipped: String(expectations) });
    for (const c of unplaced.testcase) {
      if (result.expectationRules.includes(c.name)) expect(c.skipped.message).toMatch(/^no expected path could be placed: .*10\.20\.0\.2/);
      else expect(c.skipped).toBeUndefined();
    }
  });

  it("TAP: an unchecked packet's expectation points are ok with a SKIP and its reason, an incomplete one's not ok", () => {
    const tap = renderTap(result);
    const points = tapResults(tap);
    const rules = result.rules.length;
    const of = (packet: number) => points.slice(packet * rules, (packet + 1) * rules);
    expect(of(0).every((p) => p.ok && !p.skip)).toBe(true);
    expect(of(1).filter((p) => !p.ok)).toHaveLength(1);
    expect(of(2).every((p) => !p.ok)).toBe(true);
    of(3).forEach((p, i) => {
      expect(p.ok).toBe(true);
      if (result.expectationRules.includes(result.rules[i])) expect(String(p.skip)).toMatch(/^no expected path could be placed: .*10\.20\.0\.2/);
      else expect(p.skip).toBeFalsy();
    });
    expect(tapComplete(tap)).toMatchObject({ ok: false, count: 4 * rules, fail: 1 + rules, skip: result.expectationRules.length, todo: 0 });
  });

  it("text: counts every verdict, and ends with the number of unchecked packets", () => {
    const lines = renderCheckText(result).trimEnd().split("\n");
    expect(lines.at(-2)).toMatch(/^4 packets: 1 conform, 1 violate, 1 unchecked, 1 incomplete /);
    expect(lines.at(-1)).toBe("1 packet unchecked: no expected path could be placed (see the reasons above)");
    expect(renderCheckText(checkPackets(parseTrace(sampleText("pod-to-pod-same-node-response.txt"), { file: "x" }).packets, { cluster }))).not.toContain("unchecked: no expected path");
  });
});

describe("hostile captions and file names", () => {
  const violating = (caption: string, file: string): CheckResult => {
    const text = inject("pod-to-pod-same-node-request.txt", ["SYN:", `${caption}:`], ["tos 0x00, ttl 63, length 60, checksum 0xf187", "tos 0x00, ttl 64, length 60, checksum 0xf087"]);
    return checkPackets(parseTrace(text, { file }).packets, { cluster });
  };

  it("TAP: a '# TODO' in a caption or a file name does not turn a failure into an expected one", () => {
    for (const [caption, file] of [["SYN # TODO harmless", "bad.txt"], ["SYN", "bad # TODO.txt"], ["SYN \\# SKIP x", "b\\ad.txt"], ["SYN", "two\nnot ok 1 - lines.txt"]]) {
      const result = violating(caption, file);
      expect(result.summary.violating).toBe(1);
      const tap = renderTap(result);
      const failed = tapResults(tap).filter((p) => !p.ok);
      expect(failed.length).toBeGreaterThan(0);
      for (const p of failed) expect([p.todo, p.skip]).toEqual([false, false]);
      expect(tapComplete(tap)).toMatchObject({ ok: false, todo: 0, skip: 0, count: result.rules.length });
      expect(tapResults(tap)[0].name).toContain(caption.includes("TODO") ? "SYN # TODO harmless" : "SYN");
    }
  });

  it("JUnit: markup, quotes, line breaks and characters XML cannot carry survive a round trip or become U+FFFD", () => {
    const file = `a<b>&"c'd\ne\u0001f\ud800g.txt`;
    const result = violating(`SYN ]]> <x y="z">`, file);
    const text = renderJunit(result);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", processEntities: true, htmlEntities: true }).parse(text);
    expect(xml.testsuites.testsuite.name).toBe(`a<b>&"c'd\ne\ufffdf\ufffdg.txt`);
    expect(xml.testsuites.testsuite.testcase[0].classname).toContain(`SYN ]]> <x y="z">`);
  });
});
