import { describe, expect, it } from "vitest";
import { generateTrace } from "../../src/bench/generate.js";
import { checkPackets } from "../../src/rules/index.js";
import { parseTrace } from "../../src/trace/index.js";
import { samplesDir } from "../helpers.js";

describe("the benchmark's generated trace", () => {
  it("is realistic: framed per thread, and every finding is one of its injected drops or unknown nodes", () => {
    const text = generateTrace(400_000, samplesDir, 3, 11);
    const { packets, diagnostics } = parseTrace(text, { file: "g" });
    expect(diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(packets.length).toBeGreaterThan(80);
    const result = checkPackets(packets);
    const injected = (index: number) => packets[index - 1].records.some((r) => r.node === "error-drop" || r.node === "my-plugin-node");
    expect(result.findings.every((f) => injected(f.packet.index))).toBe(true);
    expect(new Set(result.findings.map((f) => f.rule))).toEqual(new Set(["acl-action", "drop", "path"]));
    expect(result.summary.conforming + result.summary.unchecked).toBeGreaterThan(packets.length * 0.85);
  });
});
