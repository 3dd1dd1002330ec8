import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCapture } from "../helpers.js";
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

describe("the gate on what a run covered", () => {
  const sample = "samples/pod-to-pod-same-node-request.txt";

  it("fails check when the filter selects no packet, unless --allow-empty", async () => {
    const run = await runCliCapture(["check", "-q", "--filter", "host 10.1.1.33", sample]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("vpptrace: --filter 'host 10.1.1.33' selected no packet: a run that compared nothing fails; --allow-empty accepts it\n");
    const junit = await runCliCapture(["check", "-q", "-f", "junit", "--filter", "host 10.1.1.33", sample]);
    expect(junit).toMatchObject({ code: 1 });
    expect((await runCliCapture(["check", "-q", "--allow-empty", "--filter", "host 10.1.1.33", sample])).code).toBe(0);
  });

  it("fails report when its packet cap leaves input unread, and report --diff the same way", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "vpptrace-gate-")), "r.html");
    const samples = ["samples/pod-to-pod-same-node-request.txt", "samples/pod-to-pod-same-node-response.txt"];
    const run = await runCliCapture(["report", "-q", "--max-packets", "1", "-o", out, ...samples]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("vpptrace: --max-packets left input unread: a gate does not pass what it did not read; raise --max-packets to read all of it");
    const both = join(mkdtempSync(join(tmpdir(), "vpptrace-gate-")), "both.txt");
    writeFileSync(both, samples.map((f) => readFileSync(f, "utf8")).join("\n"));
    expect((await runCliCapture(["report", "-q", "--diff", "--max-packets", "1", "-o", out, both, both])).code).toBe(1);
  });

  it("passes check, report and diff that read and compared everything", async () => {
    expect((await runCliCapture(["check", "-q", sample])).code).toBe(0);
    expect((await runCliCapture(["diff", "-q", sample, sample])).code).toBe(0);
  });
});
