/**
 * Bounded everything: one warning per record and kind (with a count), at most a thousand
 * entries under one record header, node names, captions and thread names cut at 256
 * characters in every message and record. Bounded by input size: each input is parsed once.
 */
import { describe, expect, it } from "vitest";
import { parseTrace } from "../../src/trace/index.js";
import { MAX_NODE_NAME } from "../../src/trace/assemble.js";
import { MAX_SHARED_ENTRIES } from "../../src/trace/split.js";

const VIRTIO = "01:48:51:256986: virtio-input\n  virtio: hw_if_index 7 next-index 4 vring 0 len 74\n    hdr: flags 0x00 gso_type 0x00 hdr_len 0 gso_size 0 csum_start 0 csum_offset 0 num_buffers 1\n";
const warnings = (text: string): string[] => parseTrace(text, { file: "t" }).diagnostics.filter((d) => d.severity === "warning").map((d) => `${d.line}:${d.column}: ${d.message}`);

describe("warnings", () => {
  it("are one per record and kind, the first where it stands, with how many more", () => {
    const header = "  TCP: 10.1.1.12 -> 10.1.1.9\n    tos 0x00, ttl 64, length 60, checksum 0xf087\n    fragment id 0x341e\n";
    const text = `${VIRTIO}01:48:51:256990: ip4-input\n${header}${"  garbage here @@@\n".repeat(3)}`;
    expect(warnings(text)).toEqual(["8:16: ip4-input: body line: expected `key value` words, found '@@@' (and 2 more lines like it in this record)"]);
  });

  it("of the entries under one record header are said once, and the header holds at most a thousand entries", () => {
    const { packets, diagnostics } = parseTrace(`${VIRTIO}01:48:51:256990: ip4-input\n${"  garbage here @@@\n".repeat(5000)}`, { file: "t" });
    expect(packets[0].records.length).toBe(1 + MAX_SHARED_ENTRIES);
    expect(packets[0].incomplete).toBe(true);
    const shown = diagnostics.filter((d) => d.severity === "warning").map((d) => d.message);
    // The first 999 entries' warnings as one, the last entry's (the rest of the body) as one.
    expect(shown).toEqual([
      "ip4-input: body line: expected `key value` words, found '@@@' (and 998 more like it under this record header)",
      "ip4-input: body line: expected `key value` words, found '@@@' (and 4000 more lines like it in this record)",
    ]);
  });
});

describe("names", () => {
  it("cuts a node name longer than any VPP node's, says where, and leaves the packet incomplete", () => {
    const name = "a".repeat(1_000_000);
    const { packets, diagnostics } = parseTrace(`${VIRTIO}01:48:51:256990: ${name}\n  x 1\n`, { file: "t" });
    const record = packets[0].records[1];
    expect(record.node).toBe(`${"a".repeat(MAX_NODE_NAME)}…`);
    expect(packets[0].incomplete).toBe(true);
    expect(diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([
      `4:${1 + 17 + MAX_NODE_NAME}: a node name of 1000000 characters, longer than any VPP node's (at most ${MAX_NODE_NAME} read): cut to '${"a".repeat(40)}…'`,
    ]);
    // Every message stays short whatever the name's length.
    expect(diagnostics.every((d) => d.message.length < 400)).toBe(true);
  });

  it("cuts a caption and a thread name that would label every packet after them", () => {
    const caption = "c".repeat(100_000);
    const thread = "t".repeat(100_000);
    const text = `------------------- Start of thread 0 ${thread} -------------------\n${caption}:\n${"-".repeat(10)}\n${VIRTIO}`;
    const { packets, diagnostics } = parseTrace(text, { file: "t" });
    expect(packets[0].label).toBe(`${"c".repeat(MAX_NODE_NAME)}…`);
    expect(packets[0].thread?.name).toBe(`${"t".repeat(MAX_NODE_NAME)}…`);
    expect(diagnostics.map((d) => d.message)).toEqual([
      `a thread name of 100000 characters, longer than any a capture holds (at most ${MAX_NODE_NAME} read): cut to '${"t".repeat(40)}…'`,
      `a caption of 100000 characters, longer than any a capture holds (at most ${MAX_NODE_NAME} read): cut to '${"c".repeat(40)}…'`,
    ]);
  });
});

describe("renderers over a long name", () => {
  it("write the report of a record with a 2 MB node name, the name cut where it is shown", async () => {
    const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { runCliCapture } = await import("../helpers.js");
    const { drawnPage } = await import("../report/drawn-page.js");
    const dir = mkdtempSync(join(tmpdir(), "vpptrace-long-name-"));
    try {
      const trace = join(dir, "long.txt");
      writeFileSync(trace, `${VIRTIO}01:48:51:256990: ${"n".repeat(2_000_000)}\n  x 1\n`);
      const run = await runCliCapture(["report", "--no-config", trace, "-o", join(dir, "r.html")]);
      expect(run.code).toBe(1);
      const page = readFileSync(join(dir, "r.html"), "utf8");
      // The page carries its sections as data, drawn when shown: the name is read there.
      expect(drawnPage(page)).toContain(`${"n".repeat(MAX_NODE_NAME)}…`);
      // The header's raw line is kept as it was, once: the page grows with the input, not
      // with the input times the places that name the node.
      expect(page.length).toBeLessThan(2_000_000 + 1_000_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
