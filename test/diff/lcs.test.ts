import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alignSequences, type Step } from "../../src/diff/lcs.js";

/** The n × m table-driven alignment the linear-space one replaced: the oracle for small inputs. */
function tableAlignment(a: string[], b: string[]): Step[] {
  const n = a.length;
  const m = b.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) steps.push({ a: i++, b: j++ });
    else if (j >= m || (i < n && table[i + 1][j] >= table[i][j + 1])) steps.push({ a: i++ });
    else steps.push({ b: j++ });
  }
  return steps;
}

const matches = (steps: Step[]): number => steps.filter((s) => s.a !== undefined && s.b !== undefined).length;

/** Every position of both sequences once, in order, and matched pairs equal. */
function expectValid(steps: Step[], a: string[], b: string[]): void {
  expect(steps.filter((s) => s.a !== undefined).map((s) => s.a)).toEqual(a.map((_, i) => i));
  expect(steps.filter((s) => s.b !== undefined).map((s) => s.b)).toEqual(b.map((_, i) => i));
  for (const s of steps) if (s.a !== undefined && s.b !== undefined) expect(a[s.a]).toBe(b[s.b]);
}

describe("node sequence alignment", () => {
  it("finds a longest common subsequence, as long as the full table's, on arbitrary sequences", () => {
    const sequence = fc.array(fc.constantFrom("a", "b", "c", "d"), { maxLength: 40 });
    fc.assert(
      fc.property(sequence, sequence, (a, b) => {
        const steps = alignSequences(a, b);
        expectValid(steps, a, b);
        expect(matches(steps)).toBe(matches(tableAlignment(a, b)));
      }),
      { numRuns: 2000 },
    );
  });

  it("lists the nodes only in A before those only in B between two matches", () => {
    expect(alignSequences(["x", "p", "q", "y"], ["x", "r", "y"])).toEqual([{ a: 0, b: 0 }, { a: 1 }, { a: 2 }, { b: 1 }, { a: 3, b: 2 }]);
    expect(alignSequences([], ["a"])).toEqual([{ b: 0 }]);
    expect(alignSequences(["a"], [])).toEqual([{ a: 0 }]);
  });

  it(
    "aligns two 30 000-node paths in linear memory (a full table would need 900 million cells)",
    () => {
      // Realistic: the same path over and over, with a few nodes inserted and removed.
      const path = ["virtio-input", "ethernet-input", "ip4-input", "acl-plugin-in-ip4-fa", "nat44-out2in", "ip4-lookup", "ip4-rewrite", "tap8-output"];
      const a = Array.from({ length: 30_000 }, (_, i) => path[i % path.length]);
      const b = a.map((node, i) => (i % 997 === 0 ? "error-drop" : node)).filter((_, i) => i % 1499 !== 0);
      const steps = alignSequences(a, b);
      expectValid(steps, a, b);
      expect(matches(steps)).toBeGreaterThanOrEqual(30_000 - 2 * Math.ceil(30_000 / 997) - Math.ceil(30_000 / 1499));
      // Nothing in common at all: the most differences there can be (time grows with them).
      const c = Array.from({ length: 10_000 }, (_, i) => `n${i % 7}`);
      expect(matches(alignSequences(a.slice(0, 10_000), c))).toBe(0);
    },
    120_000,
  );
});
