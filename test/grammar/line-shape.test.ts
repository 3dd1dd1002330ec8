import { describe, expect, it } from "vitest";
import { captureGroups } from "../../grammar/line-shape.js";
import { SHAPE_PATTERNS } from "../../grammar/tokens.js";
import { decoders } from "../../src/trace/decoders/index.js";

describe("line shapes", () => {
  it("count the capture groups of every shape and token pattern as running the pattern does", () => {
    const sources = [...Object.values(SHAPE_PATTERNS).map((p) => p.source), ...decoders.flatMap((d) => d.rules.flatMap((r) => (r.shape === undefined ? [] : [r.shape.source])))];
    expect(sources.length).toBeGreaterThan(40);
    for (const source of sources) expect(captureGroups(source), source).toBe(new RegExp(`${source}|`).exec("")!.length - 1);
  });

  it("count named groups, and not lookbehinds, non-capturing groups or parentheses in a class or escaped", () => {
    expect(captureGroups("a(?<n>x)(?<=y)(?<!w)(?:z)[(]\\(b(c)")).toBe(2);
  });
});
