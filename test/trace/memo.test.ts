import { describe, expect, it } from "vitest";
import { LineMemo } from "../../src/trace/memo.js";

describe("the line memo", () => {
  it("remembers lines that repeat, across a generation's turnover", () => {
    const memo = new LineMemo<number>(4);
    for (let i = 0; i < 10; i++) memo.set(`line ${i}`, i);
    expect(memo.get("line 9")).toBe(9);
    expect(memo.get("line 5")).toBe(5); // from the older generation, promoted
    expect(memo.get("line 0")).toBeUndefined(); // two generations ago
  });

  it("stops remembering while lines do not repeat, and tries again later", () => {
    const memo = new LineMemo<number>(8);
    for (let i = 0; i < 16; i++) if (memo.get(`unique ${i}`) === undefined) memo.set(`unique ${i}`, i);
    memo.set("again", 1);
    expect(memo.get("again")).toBeUndefined();
    // After its rest, the memo remembers again.
    let attempts = 0;
    for (let found = false; !found && attempts < 8 * 20; attempts++) {
      memo.set("again", 1);
      found = memo.get("again") === 1;
    }
    expect(attempts).toBeGreaterThan(8 * 10);
    expect(attempts).toBeLessThan(8 * 20);
  });
});
