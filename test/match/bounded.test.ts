import { describe, expect, it } from "vitest";
import { generateTrace } from "../../src/bench/generate.js";
import { makeRoom } from "../../src/match/bounded.js";
import { Checker } from "../../src/rules/index.js";
import { parseTrace } from "../../src/trace/index.js";
import { samplesDir } from "../helpers.js";

describe("a bounded table", () => {
  it("lets its oldest quarter go when full, and says how many went", () => {
    const table = new Map(Array.from({ length: 8 }, (_, i) => [i, i]));
    expect(makeRoom(table, 9)).toBe(0);
    expect(makeRoom(table, 8)).toBe(2);
    expect([...table.keys()]).toEqual([2, 3, 4, 5, 6, 7]);
    const set = new Set(["a", "b", "c", "d"]);
    expect(makeRoom(set, 4)).toBe(1);
    expect([...set]).toEqual(["b", "c", "d"]);
  });
});

describe("the checker's tables on a long capture", () => {
  const { packets } = parseTrace(generateTrace(600_000, samplesDir, 3, 5), { file: "long.txt" });

  it("stay bounded, still give every packet a verdict, and say what they let go", () => {
    const checker = new Checker({ maxTableEntries: 16 });
    const results = checker.check(packets);
    expect(results).toHaveLength(packets.length);
    const [connections, tunnel] = checker.evictions;
    expect(connections).toMatch(/^the connection table was full \(16 entries\): its \d+ oldest were let go/);
    expect(tunnel).toMatch(/^\d+ cross-node packets were let go unmatched while waiting for their other half \(the most held is 16\)/);
  });

  it("say nothing when nothing was let go", () => {
    const checker = new Checker();
    checker.check(packets);
    expect(checker.evictions).toEqual([]);
  });
});
