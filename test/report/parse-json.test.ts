import { describe, expect, it } from "vitest";
import type { Diagnostic, Packet } from "../../src/model/trace.js";
import { ParseJsonWriter } from "../../src/report/parse-json.js";
import { parseTrace } from "../../src/trace/index.js";
import { sampleFiles, sampleText } from "../helpers.js";

const packets: Packet[] = sampleFiles().flatMap((f) => parseTrace(sampleText(f), { file: `samples/${f}` }).packets);
const diagnostics: Diagnostic[] = [{ severity: "warning", file: "a.txt", line: 3, column: 5, message: 'odd "line"\n\u2028' }];

function streamed(batches: Packet[][], diags: Diagnostic[]): { text: string; writes: number } {
  let text = "";
  let writes = 0;
  const writer = new ParseJsonWriter((t) => {
    text += t;
    writes++;
  });
  for (const batch of batches) writer.packets(batch);
  writer.end(diags);
  return { text, writes };
}

describe("parse --format json written as it streams", () => {
  it("is byte for byte the document JSON.stringify gives, whatever the batches", () => {
    const whole = `${JSON.stringify({ packets, diagnostics }, null, 2)}\n`;
    expect(streamed([packets], diagnostics).text).toBe(whole);
    expect(streamed(packets.map((p) => [p]), diagnostics).text).toBe(whole);
    expect(streamed([packets.slice(0, 3), [], packets.slice(3)], diagnostics).text).toBe(whole);
  });

  it("is the same document when there is no packet or no warning", () => {
    expect(streamed([], []).text).toBe(`${JSON.stringify({ packets: [], diagnostics: [] }, null, 2)}\n`);
    expect(streamed([[], []], diagnostics).text).toBe(`${JSON.stringify({ packets: [], diagnostics }, null, 2)}\n`);
    expect(streamed([packets.slice(0, 1)], []).text).toBe(`${JSON.stringify({ packets: packets.slice(0, 1), diagnostics: [] }, null, 2)}\n`);
  });

  it("writes each batch as it comes, never the whole document at once", () => {
    expect(streamed(packets.map((p) => [p]), diagnostics).writes).toBe(packets.length + 1);
  });
});
