/** `check --format tap`: TAP version 13, one test point per packet per rule, with a YAML
 *  diagnostic block for each failure. */
import type { CheckResult, Finding } from "../model/findings.js";

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

export function renderTap(result: CheckResult): string {
  const lines = ["TAP version 13"];
  let n = 0;
  for (const p of result.packets) {
    for (const rule of result.rules) {
      n++;
      const found = p.findings.filter((f) => f.rule === rule);
      const failed = found.some((f) => f.severity === "error");
      lines.push(`${failed ? "not ok" : "ok"} ${n} - [${p.packet.index}] ${p.packet.label} ${p.packet.file}: ${rule}`);
      if (found.length > 0) lines.push(...diagnosticBlock(found));
    }
  }
  lines.splice(1, 0, `1..${n}`);
  return `${lines.join("\n")}\n`;
}
