/**
 * `check --format junit`: JUnit XML as Jenkins, GitLab and GitHub test reporters read it.
 * One testsuite per input file, one testcase per packet per rule. A packet's verdict decides
 * its testcases: `violates` — the rules that found an error fail, with the message and
 * file:line; `incomplete` — every testcase fails, since the rules saw less than VPP printed;
 * `unchecked` — the testcases of the rules that compare a packet with its expected path are
 * skipped with the reason none could be placed (the invariants ran, and pass or fail);
 * warnings go to the testcase's system-out.
 */
import type { CheckResult, Finding, PacketResult } from "../model/findings.js";

const ENTITIES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;" };

/**
 * Text safe in XML 1.0 content and attributes: markup characters as entities; line breaks
 * and tabs as character references, which attribute normalisation keeps; characters XML
 * cannot carry at all (C0 controls, U+FFFE/U+FFFF, a lone surrogate) as U+FFFD.
 */
export const escapeXml = (s: string): string =>
  s
    .replace(/[<>&"'\n\r\t]/g, (c) => ENTITIES[c])
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

const detail = (f: Finding): string => `${f.file}:${f.line}: ${f.node}: expected ${f.expected}, actual ${f.actual}`;

interface Counts {
  tests: number;
  failures: number;
  skipped: number;
}

/** The body of one packet's testcase for one rule, and what it counts as. */
function testcaseBody(p: PacketResult, found: Finding[], needsPath: boolean): { body: string[]; outcome: "pass" | "failure" | "skipped" } {
  const errors = found.filter((f) => f.severity === "error");
  const others = found.filter((f) => f.severity !== "error");
  const body: string[] = [];
  let outcome: "pass" | "failure" | "skipped" = "pass";
  if (errors.length > 0) {
    outcome = "failure";
    body.push(`      <failure message="${escapeXml(errors[0].message)}" type="${escapeXml(errors[0].rule)}">${escapeXml(errors.map(detail).join("\n"))}</failure>`);
  } else if (p.verdict === "incomplete") {
    outcome = "failure";
    const why = `lines of this packet could not be read: ${p.reason ?? "see the warnings"}`;
    body.push(`      <failure message="${escapeXml(why)}" type="incomplete">${escapeXml(`${p.packet.file}:${p.packet.line}: ${why}`)}</failure>`);
  } else if (p.verdict === "unchecked" && needsPath) {
    outcome = "skipped";
    body.push(`      <skipped message="${escapeXml(`no expected path could be placed: ${p.reason ?? "unknown"}`)}"/>`);
  }
  if (others.length > 0) body.push(`      <system-out>${escapeXml(others.map((f) => `${f.severity}: ${f.message} (${detail(f)})`).join("\n"))}</system-out>`);
  return { body, outcome };
}

function testsuite(file: string, packets: PacketResult[], rules: string[], expectationRules: Set<string>): { xml: string; counts: Counts } {
  const cases: string[] = [];
  const counts: Counts = { tests: 0, failures: 0, skipped: 0 };
  for (const p of packets) {
    for (const rule of rules) {
      const found = p.findings.filter((f) => f.rule === rule);
      const line = found[0]?.line ?? p.packet.line;
      const attrs = `classname="${escapeXml(`${file}.[${p.packet.index}] ${p.packet.label}`)}" name="${escapeXml(rule)}" file="${escapeXml(file)}" line="${line}"`;
      const { body, outcome } = testcaseBody(p, found, expectationRules.has(rule));
      counts.tests++;
      if (outcome === "failure") counts.failures++;
      if (outcome === "skipped") counts.skipped++;
      cases.push(body.length === 0 ? `    <testcase ${attrs}/>` : `    <testcase ${attrs}>\n${body.join("\n")}\n    </testcase>`);
    }
  }
  const xml = `  <testsuite name="${escapeXml(file)}" tests="${counts.tests}" failures="${counts.failures}" errors="0" skipped="${counts.skipped}">\n${cases.join("\n")}\n  </testsuite>`;
  return { xml, counts };
}

export function renderJunit(result: CheckResult): string {
  const byFile = new Map<string, PacketResult[]>();
  for (const p of result.packets) {
    const list = byFile.get(p.packet.file);
    if (list === undefined) byFile.set(p.packet.file, [p]);
    else list.push(p);
  }
  const expectationRules = new Set(result.expectationRules);
  const suites = [...byFile].map(([file, packets]) => testsuite(file, packets, result.rules, expectationRules));
  const total = (key: keyof Counts): number => suites.reduce((n, s) => n + s.counts[key], 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="vpptrace check" tests="${total("tests")}" failures="${total("failures")}" errors="0" skipped="${total("skipped")}">\n${suites.map((s) => s.xml).join("\n")}\n</testsuites>\n`;
}
