/** `check --format tap`: TAP version 13, one test point per packet per rule, with a YAML
 *  diagnostic block for each failure. Points stream as packets are checked; the plan comes
 *  last, as TAP allows. */
import type { CheckResult, Finding, PacketResult } from "../model/findings.js";

const yamlString = (s: string): string => JSON.stringify(s);

function diagnosticBlock(findings: Finding[]): string[] {
  const lines = ["  ---"];
  lines.push(`  message: ${yamlString(findings[0].message)}`);
  lines.push(`  severity: ${findings[0].severity === "error" ? "fail" : findings[0].severity}`);
  lines.push("  findings:");
  for (const f of findings) {
    lines.push(`    - at: ${yamlString(`${f.file}:${f.line}`)}`, `      node: ${yamlString(f.node)}`, `      expected: ${yamlString(f.expected)}`, `      actual: ${yamlString(f.actual)}`, `      severity: ${f.severity}`);
  }
  lines.push("  ...");
  return lines;
}

/** The header, then test points numbered from `start + 1`. */
export function renderTapPoints(results: PacketResult[], rules: string[], start: number): string {
  const lines = start === 0 ? ["TAP version 13"] : [];
  let n = start;
  for (const p of results) {
    for (const rule of rules) {
      n++;
      const found = p.findings.filter((f) => f.rule === rule);
      const failed = found.some((f) => f.severity === "error");
      lines.push(`${failed ? "not ok" : "ok"} ${n} - [${p.packet.index}] ${p.packet.label} ${p.packet.file}: ${rule}`);
      if (found.length > 0) lines.push(...diagnosticBlock(found));
    }
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** The closing plan; `streamed` test points were already written. With none written
 *  (a whole result at once), the points come first. */
export function renderTap(result: CheckResult, streamed = 0): string {
  const points = streamed === 0 ? renderTapPoints(result.packets, result.rules, 0) : "";
  const count = result.summary.packets * result.rules.length;
  return `${points === "" && streamed === 0 ? "TAP version 13\n" : ""}${points}1..${count}\n`;
}
