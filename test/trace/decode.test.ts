import { describe, expect, it } from "vitest";
import { requiredFirstChar } from "../../src/trace/claims.js";

describe("the first-character index of line rules", () => {
  it("reads the first character only where the pattern plainly requires it", () => {
    expect(requiredFirstChar(/^acl-plugin: sw_if_index (\d+)/)).toBe("a");
    expect(requiredFirstChar(/^VXLAN encap/)).toBe("V");
    expect(requiredFirstChar(/^hdr: (.*)$/)).toBe("h");
  });

  it("gives up on alternations, classes, escapes, optional characters and flags", () => {
    for (const pattern of [/^(a|b)/, /^a|b/, /^a?b/, /^a*b/, /^a{0,1}b/, /^\d/, /^[ab]/, /^x/i, /ab/, /^(?:buffer 0x1: )?current/]) {
      expect(requiredFirstChar(pattern), pattern.source).toBeUndefined();
    }
  });
});

describe("decoding repeated lines from memory", () => {
  it("gives the same, independent records as a fresh decode", async () => {
    const { parseTrace } = await import("../../src/trace/index.js");
    const { generateTrace } = await import("../../src/bench/generate.js");
    const { samplesDir } = await import("../helpers.js");
    const text = generateTrace(120_000, samplesDir, 3, 9);
    const first = parseTrace(text, { file: "t" });
    const expected = JSON.parse(JSON.stringify(first));
    // Trample the first result: nothing of it may be shared with later decodes.
    for (const p of first.packets) for (const r of p.records) {
      if (r.fields.kv !== undefined) for (const k of Object.keys(r.fields.kv)) r.fields.kv[k] = "trampled";
      if (r.fields.acl?.pktInfo !== undefined) r.fields.acl.pktInfo.length = 0;
      if (r.fields.buffer !== undefined) r.fields.buffer.flags.push("trampled");
    }
    expect(JSON.parse(JSON.stringify(parseTrace(text, { file: "t" })))).toEqual(expected);
    // Two decodes of 120,000 packets and a deep comparison: seconds on a loaded machine.
  }, 60_000);
});
