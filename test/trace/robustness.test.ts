/**
 * Hostile and messy input: property-based tests with a fixed seed and a bounded number of
 * runs (npm run fuzz runs many more), and worst cases for time.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffTraces } from "../../src/diff/index.js";
import type { ParsedTrace } from "../../src/model/trace.js";
import { checkPackets } from "../../src/rules/index.js";
import { parseTrace } from "../../src/trace/index.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { pushInChunks } from "../support/stream.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
/** Time for a property: generous, since `npm run fuzz` runs thousands of cases. */
const BUDGET = Math.max(10_000, RUNS * 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const FRAMING = /^\s*(?:Packet \d+.*|.*-{3,} Start of thread .*|.*-{3} Thread \d+ .*|-{3,}|=+ Path .*|No packets in trace buffer|Limiting display to .*)\s*$/;

/** Every non-blank line of the input is in a record, is framing, or has a diagnostic. */
function unaccountedLines(text: string, parsed: ParsedTrace): number[] {
  const lines = text.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
  const covered = new Set<number>();
  for (const p of parsed.packets) {
    if (/:/.test(p.label) || p.label !== `Packet ${p.number}`) for (let l = p.line; l < p.line + 2; l++) covered.add(l);
    for (const r of p.records) {
      const starts = lines[r.line - 1]?.trimEnd() === r.raw[0] || r.headerless ? r.line : r.line - 1;
      for (let i = 0; i < r.raw.length; i++) covered.add(starts + i);
    }
  }
  for (const d of parsed.diagnostics) covered.add(d.line);
  return lines.flatMap((line, i) => (line.trim() === "" || covered.has(i + 1) || FRAMING.test(line) ? [] : [i + 1]));
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 32, max: 126 }) }),
);

function mutate(text: string, mutations: { kind: string; at: number; byte?: number }[]): string {
  let lines = text.split("\n");
  let out = text;
  for (const m of mutations) {
    lines = out.split("\n");
    const i = m.at % Math.max(lines.length, 1);
    if (m.kind === "delete") lines.splice(i, 1);
    else if (m.kind === "duplicate") lines.splice(i, 0, lines[i] ?? "");
    else if (m.kind === "truncate") lines = lines.slice(0, i + 1);
    else {
      const at = m.at % Math.max(out.length, 1);
      out = out.slice(0, at) + String.fromCharCode(m.byte!) + out.slice(at + 1);
      continue;
    }
    out = lines.join("\n");
  }
  return out;
}

describe("hostile input (property-based, fixed seed)", () => {
  it("arbitrary strings never make the parser throw, and every line is accounted for", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
        const parsed = parseTrace(text, { file: "f" });
        if (!parsed.diagnostics.some((d) => d.severity === "error")) expect(unaccountedLines(text, parsed)).toEqual([]);
      }),
      { numRuns: RUNS * 4, seed: SEED },
    );
  }, BUDGET);

  it("mutated samples (deleted, duplicated, truncated lines, flipped bytes) parse and check without throwing, every line accounted for", () => {
    const samples = sampleFiles().map(sampleText);
    fc.assert(
      fc.property(fc.nat({ max: samples.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 5 }), (which, mutations) => {
        const text = mutate(samples[which], mutations);
        const parsed = parseTrace(text, { file: "f" });
        checkPackets(parsed.packets);
        expect(unaccountedLines(text, parsed)).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, BUDGET);

  it("a trace diffed with itself is always identical, and an untouched sample always checks clean", () => {
    const samples = sampleFiles().map(sampleText);
    fc.assert(
      fc.property(fc.nat({ max: samples.length - 1 }), fc.array(mutation, { maxLength: 3 }), (which, mutations) => {
        const packets = parseTrace(mutate(samples[which], mutations), { file: "f" }).packets;
        // A packet with an unreadable line is never identical, even to itself; all others are.
        const unreadable = (p: { status: string; firstDivergence?: string }) => p.status === "different" && /could not be read/.test(p.firstDivergence ?? "");
        expect(diffTraces(packets, packets).packets.every((p) => p.status === "identical" || unreadable(p))).toBe(true);
        expect(diffTraces(packets, packets).packets.filter(unreadable).length).toBe(packets.filter((p) => p.incomplete).length);
        expect(checkPackets(parseTrace(samples[which], { file: "s" }).packets).findings).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, BUDGET);
});

describe("worst cases are read in bounded work", () => {
  // No timings here (the machine is shared): each case asserts what was examined or kept,
  // and gets a generous timeout. test/trace/redos.test.ts feeds every pattern its worst line.

  const streamed = (text: string) => pushInChunks(text);

  it("a 50 MB line with no newline gives one diagnostic with a short quote, each character examined a few times", () => {
    const line = "x ".repeat(25_000_000);
    const { parsed, scanned } = streamed(line);
    expect(parsed.diagnostics.filter((d) => d.severity === "error")).toHaveLength(1);
    expect(parsed.diagnostics.every((d) => d.message.length < 300)).toBe(true);
    expect(scanned).toBeLessThanOrEqual(4 * line.length);
  }, 120_000);

  it("a record body of 100,000 lines keeps every line and says it is unusually long", () => {
    const large = `00:00:00:000001: my-node\n${"  key 1, key 2\n".repeat(100_000)}`;
    const { parsed, scanned } = streamed(large);
    expect(parsed.packets[0].records[0].raw).toHaveLength(100_001);
    expect(parsed.diagnostics).toContainEqual(expect.objectContaining({ severity: "warning", message: "my-node: a record body of 100000 lines, longer than any VPP node prints; kept as one record, its lines after the 10000th kept raw only" }));
    // Key/value pairs stop at the 10,000th line: the rest is kept raw, not decoded.
    expect(Object.keys(parsed.packets[0].records[0].fields.kv!)).toHaveLength(20_000);
    expect(scanned).toBeLessThanOrEqual(4 * large.length);
  }, 120_000);
});

describe("text that is no trace is judged without a diagnostic per line", () => {
  it("gives a megabyte of text with no record header one error, and no warning per line", () => {
    const parsed = parseTrace("y\n".repeat(500_000), { file: "f" });
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ severity: "error", line: 1, column: 1, message: expect.stringMatching(/^no VPP trace in the input: .* found 'y'; no line of it starts a record or a packet$/) })]);
  });

  it("warns about the first thousand lines around a trace one by one, and counts the rest", () => {
    const parsed = parseTrace(`${"some prose\n".repeat(1500)}${sampleText("pod-to-host-request.txt")}`, { file: "f" });
    expect(parsed.packets).toHaveLength(1);
    const warnings = parsed.diagnostics.filter((d) => d.severity === "warning");
    expect(warnings.filter((d) => d.message.startsWith("skipped 'some prose'"))).toHaveLength(1000);
    expect(warnings).toContainEqual(expect.objectContaining({ message: "skipped 500 more lines outside any record, not each shown (1000 are)" }));
  });
});

describe("text around a pasted trace", () => {
  it("skips a prompt, a vppctl command line and markdown fences with a warning each", () => {
    const text = ["```", "vpp# show trace", sampleText("pod-to-pod-same-node-request.txt"), "vpp# ", "```"].join("\n");
    const parsed = parseTrace(text, { file: "f" });
    expect(parsed.packets).toHaveLength(1);
    expect(checkPackets(parsed.packets).findings).toEqual([]);
    const warnings = parsed.diagnostics.filter((d) => d.severity === "warning").map((d) => d.line);
    expect(warnings).toEqual([1, 2, 52, 53]);
  });

  it("reads tabs, trailing spaces, CRLF and ANSI colours as the clean trace", () => {
    const clean = sampleText("pod-to-service-same-node-request.txt");
    const messy = clean.replace(/^ {2}/gm, "\t").replace(/\n/g, "  \r\n").replace(/nat44-out2in/g, "\u001b[1;33mnat44-out2in\u001b[0m");
    const a = parseTrace(clean, { file: "f" }).packets;
    const b = parseTrace(messy, { file: "f" }).packets;
    expect(b.map((p) => p.records.map((r) => [r.node, r.line]))).toEqual(a.map((p) => p.records.map((r) => [r.node, r.line])));
    expect(b[0].records.find((r) => r.node === "nat44-out2in")?.fields.nat?.session).toBe(5);
    expect(checkPackets(b).findings).toEqual([]);
  });

  it("marks a packet whose known record could not be read as incomplete", () => {
    const text = sampleText("pod-to-pod-same-node-request.txt").replace("acl-plugin: sw_if_index 7, next index 1, action: 2", "acl-plugin: sw_if_index 7, nxt idx 1, action: 2");
    const parsed = parseTrace(text, { file: "f" });
    expect(parsed.packets[0].incomplete).toBe(true);
    expect(parsed.diagnostics.filter((d) => d.severity === "warning").map((d) => [d.line, d.column])).toEqual([[17, 30]]);
  });
});
