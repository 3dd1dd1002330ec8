import { describe, expect, it } from "vitest";
import { Checker } from "../../src/rules/index.js";
import { parseTrace } from "../../src/trace/index.js";
import { inject } from "./fault.js";

const badTtl = inject("pod-to-pod-same-node-request.txt", ["tos 0x00, ttl 63, length 60, checksum 0xf187", "tos 0x00, ttl 64, length 60, checksum 0xf087"]);

describe("the checker", () => {
  it("keeps at most maxFindings findings for the result while the summary counts them all", () => {
    const { packets } = parseTrace(Array.from({ length: 5 }, () => badTtl).join("\n"), { file: "t.txt" });
    const checker = new Checker({ maxFindings: 3 });
    const results = checker.check(packets);
    expect(results.flatMap((r) => r.findings).length).toBeGreaterThan(3);
    const result = checker.result([]);
    expect(result.findings).toHaveLength(3);
    expect(result.summary.errors).toBe(results.flatMap((r) => r.findings).length);
  });
});
