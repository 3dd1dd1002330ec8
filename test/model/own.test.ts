import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { own, ownName } from "../../src/model/own.js";

describe("own copies of strings", () => {
  it("are equal to the original", () => {
    for (const s of ["", "a", "twelve chars", "a line of trace text longer than thirteen", "ünïcödé ✓ 🚀"]) {
      expect(own(s)).toBe(s);
      expect(ownName(s)).toBe(s);
    }
  });

  it("do not keep the text they were cut from alive", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const heap = (): number => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const keep: string[] = [];
    const before = heap();
    for (let i = 0; i < 50; i++) {
      const piece = `${"x".repeat(1 << 20)}${i}`; // a megabyte each, like a parsed piece
      keep.push(own(piece.slice(1000, 1064)));
    }
    expect(heap() - before).toBeLessThan(8 << 20);
    expect(keep).toHaveLength(50);
  });
});
