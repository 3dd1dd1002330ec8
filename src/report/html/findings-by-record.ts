/**
 * Findings indexed by the node record they are about (`file:line`), built once per report,
 * so drawing a stage looks its findings up instead of filtering every finding for every
 * record (O(records × findings): 10⁶ small packets and their findings never finished).
 */
import type { Finding } from "../../model/findings.js";

export const recordKey = (file: string, line: number): string => `${file}:${line}`;

export function findingsByRecord(findings: Finding[]): Map<string, Finding[]> {
  const byRecord = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = recordKey(f.file, f.line);
    const list = byRecord.get(key);
    if (list === undefined) byRecord.set(key, [f]);
    else list.push(f);
  }
  return byRecord;
}
