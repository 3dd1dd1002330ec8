import { describe, expect, it } from "vitest";
import { requiredFirstChar } from "../../src/trace/decode.js";

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
