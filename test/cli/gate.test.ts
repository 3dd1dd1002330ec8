import { describe, expect, it } from "vitest";
import { gate, parseFailOn } from "../../src/cli/gate.js";
import { UsageError } from "../../src/cli/io.js";
import type { CheckSummary } from "../../src/model/findings.js";

const summary = (s: Partial<CheckSummary>): CheckSummary => ({ packets: 0, conforming: 0, violating: 0, unchecked: 0, incomplete: 0, errors: 0, warnings: 0, ...s });

describe("the check gate", () => {
  it("fails on violating and incomplete packets by default, not on unchecked ones among checked ones", () => {
    expect(gate(summary({ packets: 3, conforming: 2, violating: 1, errors: 1 }), undefined).code).toBe(1);
    expect(gate(summary({ packets: 3, conforming: 2, incomplete: 1 }), undefined)).toEqual({ code: 1, message: "failing on 1 incomplete (--fail-on violates,incomplete)" });
    expect(gate(summary({ packets: 3, conforming: 2, unchecked: 1 }), undefined)).toEqual({ code: 0 });
  });

  it("fails a run that checked no packet at all, unless --fail-on says what fails", () => {
    const nothing = summary({ packets: 4, unchecked: 4 });
    expect(gate(nothing, undefined)).toEqual({ code: 1, message: "no packet could be checked against its expected path (4 unchecked, 0 incomplete): a run that checked nothing fails; --fail-on violates accepts it" });
    expect(gate(nothing, ["violates"])).toEqual({ code: 0 });
    expect(gate(nothing, ["unchecked"]).code).toBe(1);
  });

  it("reads --fail-on as comma-separated verdicts, or none", () => {
    expect(parseFailOn("violates,unchecked", undefined)).toEqual(["violates", "unchecked"]);
    expect(parseFailOn("incomplete", ["violates"])).toEqual(["violates", "incomplete"]);
    expect(parseFailOn("none", undefined)).toEqual([]);
    expect(() => parseFailOn("conforms", undefined)).toThrow(UsageError);
    expect(() => parseFailOn("violate", undefined)).toThrow("--fail-on: 'violate' is not a verdict; expected violates, unchecked, incomplete or none");
  });
});
