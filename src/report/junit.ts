/**
 * `check --format junit`: JUnit XML as Jenkins, GitLab and GitHub test reporters read it.
 * One testsuite per input file, one testcase per packet per rule; a failure carries the
 * message and file:line; warnings go to the testcase's system-out.
 */
import type { CheckResult, Finding } from "../model/findings.js";

const escapeXml = (s: string): string =>
  s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

const detail = (f: Finding): string => `${f.file}:${f.line}: ${f.node}: expected ${f.expected}, actual ${f.actual}`;

export function renderJunit(result: CheckResult): string {
  const files = [...new Set(result.packets.map((p) => p.packet.file))];
  const suites = files.map((file) => {
    const cases: string[] = [];
    let failures = 0;
    for (const p of result.packets.filter((r) => r.packet.file === file)) {
      for (const rule of result.rules) {
        const found = p.findings.filter((f) => f.rule === rule);
        const errors = found.filter((f) => f.severity === "error");
        const others = found.filter((f) => f.severity !== "error");
        const line = found[0]?.line ?? p.packet.line;
        const attrs = `classname="${escapeXml(`${file}.[${p.packet.index}] ${p.packet.label}`)}" name="${escapeXml(rule)}" file="${escapeXml(file)}" line="${line}"`;
        const body: string[] = [];
        if (errors.length > 0) {
          failures++;
          body.push(`      <failure message="${escapeXml(errors[0].message)}" type="${escapeXml(rule)}">${escapeXml(errors.map(detail).join("\n"))}</failure>`);
        }
        if (others.length > 0) body.push(`      <system-out>${escapeXml(others.map((f) => `${f.severity}: ${f.message} (${detail(f)})`).join("\n"))}</system-out>`);
        cases.push(body.length === 0 ? `    <testcase ${attrs}/>` : `    <testcase ${attrs}>\n${body.join("\n")}\n    </testcase>`);
      }
    }
    return { xml: `  <testsuite name="${escapeXml(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join("\n")}\n  </testsuite>`, tests: cases.length, failures };
  });
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="vpptrace check" tests="${tests}" failures="${failures}" errors="0">\n${suites.map((s) => s.xml).join("\n")}\n</testsuites>\n`;
}
