import { parseTrace } from "../../../src/trace/index.js";
import type { NodeRecord } from "../../../src/model/trace.js";

/** Decode one record written as in a trace: header line then body lines. */
export function decodeOne(...lines: string[]): { record: NodeRecord; warnings: string[] } {
  const parsed = parseTrace(`${lines.join("\n")}\n`, { file: "t" });
  return { record: parsed.packets[0].records[0], warnings: parsed.diagnostics.filter((d) => d.severity !== "info").map((d) => d.message) };
}
