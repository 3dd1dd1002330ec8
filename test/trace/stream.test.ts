import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeviceInputHeader, isFramingLine } from "../../src/trace/cut.js";
import { generateTrace } from "../../src/bench/generate.js";
import { DEVICE_INPUT_NODES, lastPacketStart, parseTrace, TraceReader } from "../../src/trace/index.js";
import type { FieldName, ParsedTrace } from "../../src/model/trace.js";
import { sampleFiles, samplesDir, sampleText } from "../helpers.js";
import { pushInChunks } from "../support/stream.js";
import { HANDOFF_FIELDS } from "../../src/trace/handoff.js";

/** Feed `text` in chunks of `size` characters, with pieces parsed every `segment` characters. */
const streamed = (text: string, size: number, segment: number): ParsedTrace => pushInChunks(text, { file: "t", chunk: size, segmentSize: segment }).parsed;

const sortDiagnostics = (r: ParsedTrace) => ({ packets: r.packets, diagnostics: [...r.diagnostics].sort((a, b) => a.line - b.line || a.message.localeCompare(b.message)) });

describe("the streaming reader", () => {
  it.each(sampleFiles())("yields what the whole-file parse yields for %s, cut at every position", (name) => {
    const text = sampleText(name);
    const whole = sortDiagnostics(parseTrace(text, { file: "t" }));
    for (let cut = 1; cut < text.length; cut += 97) {
      const reader = new TraceReader({ file: "t", segmentSize: 1 });
      const a = reader.push(text.slice(0, cut));
      const b = reader.push(text.slice(cut));
      const c = reader.end();
      expect(sortDiagnostics({ packets: [...a.packets, ...b.packets, ...c.packets], diagnostics: [...a.diagnostics, ...b.diagnostics, ...c.diagnostics] })).toEqual(whole);
    }
  });

  it("yields the same packets for a generated multi-thread trace, with packets split across chunks at every position", () => {
    const text = generateTrace(60_000, samplesDir, 3, 7);
    const whole = sortDiagnostics(parseTrace(text, { file: "t" }));
    expect(whole.packets.length).toBeGreaterThan(10);
    expect(new Set(whole.packets.map((p) => p.thread?.index))).toEqual(new Set([0, 1, 2]));
    for (const size of [1, 7, 64, 1000, 4093]) expect(sortDiagnostics(streamed(text, size, 2048))).toEqual(whole);
    for (const segment of [1, 500, 10_000]) expect(sortDiagnostics(streamed(text, 333, segment))).toEqual(whole);
  });

  it("cuts only where a packet starts", () => {
    const text = "Packet 1\n\n00:00:01:000000: pg-input\n  x 1\n\nPacket 2\n\n00:00:02:000000: pg-input\n  x 2\n";
    expect(text.slice(lastPacketStart(text))).toBe("Packet 2\n\n00:00:02:000000: pg-input\n  x 2\n");
    const captioned = "SYN:\n----\n01:00:00:000001: virtio-input\n  a\nSYN-ACK:\n--------\n01:00:00:000002: virtio-input\n  b\n";
    expect(captioned.slice(lastPacketStart(captioned))).toBe("SYN-ACK:\n--------\n01:00:00:000002: virtio-input\n  b\n");
  });

  it("keeps line numbers across pieces", () => {
    const text = generateTrace(20_000, samplesDir, 2, 3);
    const last = streamed(text, 100, 1000).packets.pop()!;
    expect(text.split("\n")[last.line - 1]).toBe(`Packet ${last.number}`);
    for (const r of last.records) expect(text.split("\n")[r.line - 1]).toBe(r.raw[0]);
  });
});

describe("parsing only the fields a reader reads (check)", () => {
  const only = (r: ParsedTrace, names: readonly FieldName[]) =>
    r.packets.map((p) => ({ ...p, records: p.records.map(({ raw: _raw, fields, ...record }) => ({ ...record, fields: Object.fromEntries(names.filter((n) => fields[n] !== undefined).map((n) => [n, fields[n]])) })) }));

  it("gives the full parse's packets, the fields asked for and the same diagnostics, without raw lines", () => {
    const texts = [...sampleFiles().map(sampleText), generateTrace(80_000, samplesDir, 3, 5)];
    const asked: FieldName[] = ["ip4", "l4", "hexdump", "headers", "acl", "nat"];
    for (const text of texts) {
      const full = parseTrace(text, { file: "t" });
      const lean = parseTrace(text, { file: "t", fields: asked });
      expect(lean.packets.every((p) => p.records.every((r) => r.raw.length === 0))).toBe(true);
      // What joining hand-offs reads (src/trace/handoff.ts) is decoded too.
      expect(lean.packets.flatMap((p) => p.records.flatMap((r) => Object.keys(r.fields))).filter((k) => !asked.includes(k as FieldName) && !HANDOFF_FIELDS.includes(k as FieldName))).toEqual([]);
      expect(only(lean, asked)).toEqual(only(full, asked));
      expect(lean.diagnostics).toEqual(full.diagnostics);
    }
  });

  it("still reads the lines of fields it does not decode: a garbled one leaves the packet incomplete", () => {
    const text = sampleText(sampleFiles()[0]).replace(/virtio: hw_if_index (\d+)/, "virtio: hw_if_index x$1");
    expect(text).toContain("hw_if_index x");
    const full = parseTrace(text, { file: "t" });
    const lean = parseTrace(text, { file: "t", fields: ["ip4"] });
    expect(lean.diagnostics).toEqual(full.diagnostics);
    expect(lean.diagnostics.some((d) => d.message.startsWith("virtio-input:"))).toBe(true);
    expect(lean.packets.map((p) => p.incomplete === true)).toEqual(full.packets.map((p) => p.incomplete === true));
    expect(lean.packets.some((p) => p.incomplete)).toBe(true);
  });
});

describe("the streaming reader on one huge packet or line", () => {
  const push64k = (text: string) => pushInChunks(text, { file: "t" });

  it("examines each character of a 10 MB record a bounded number of times", () => {
    const text = `00:00:00:000001: my-node\n${"  key 1, key 2\n".repeat(700_000)}`;
    const { parsed, scanned } = push64k(text);
    expect(parsed.packets).toHaveLength(1);
    expect(parsed.packets[0].records[0].raw).toHaveLength(700_001);
    // Every cut search starts where the last one stopped; the framing look-out sees each
    // chunk once: a few passes in all, where one pass per chunk made this quadratic.
    expect(scanned).toBeLessThanOrEqual(4 * text.length);
  }, 120_000);

  it("examines each character of a 10 MB line inside a record a bounded number of times", () => {
    const text = `00:00:00:000001: my-node\n  ${"x ".repeat(5_000_000)}\n00:00:00:000002: my-node\n  y 1\n`;
    const { parsed, scanned } = push64k(text);
    expect(parsed.packets[0].records.map((r) => r.line)).toEqual([1, 3]);
    expect(parsed.diagnostics).toContainEqual(expect.objectContaining({ line: 2, message: "my-node: a line of 9999999 characters, longer than any VPP node prints; kept raw, not decoded" }));
    expect(scanned).toBeLessThanOrEqual(4 * text.length);
  }, 120_000);
});

describe("the cut finder's line tests", () => {
  // The regular expressions they replaced (quadratic on a long line of dashes), as the
  // reference on short lines.
  const OLD_PACKET_START = /^(?:Packet \d+|.*-{3,} Start of thread \d+ |.*-{3} Thread \d+ )/;
  const OLD_DEVICE_INPUT_HEADER = new RegExp(`^\\s*\\S+: (?:${DEVICE_INPUT_NODES.join("|")})\\s*$`);
  const piece = fc.constantFrom(" ", "-", "---", "Packet ", "Start of thread ", "Thread ", "0", "12", "x", ": ", "virtio-input", "dpdk-input", "\t", "01:02:03:000004");
  const line = fc.array(piece, { maxLength: 10 }).map((p) => p.join(""));

  it("say a line starts a packet exactly where the old patterns did", () => {
    fc.assert(
      fc.property(line, (l) => {
        expect(isFramingLine(l.trimEnd())).toBe(OLD_PACKET_START.test(l.trimEnd().trimStart()));
        expect(isDeviceInputHeader(l.trimEnd())).toBe(OLD_DEVICE_INPUT_HEADER.test(l.trimEnd()));
      }),
      { seed: 21, numRuns: 5000 },
    );
  });
});

describe("the cut finder on blank lines", () => {
  it("finds no cut in text that starts with an empty line, and returns", () => {
    expect(lastPacketStart("\n\n\nx\n")).toBe(-1);
    expect(lastPacketStart("\n")).toBe(-1);
  });
});
