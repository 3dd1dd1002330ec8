/**
 * The golden-file workflow on a real VPP 26.06: two captures of the same scenario from two
 * runs (new client ports, IP IDs, sequence numbers, buffers, af_packet blocks, NAT sessions)
 * are `equivalent` and `diff` exits 0; a capture after a service was mapped to another pod
 * is a difference that names the NAT target.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runCliCapture } from "../helpers.js";
import { labSession, labSkip, type LabSession } from "./lab.js";

const skip = labSkip();
let lab: LabSession | undefined;

beforeAll(async () => {
  lab = await labSession();
}, 16 * 60_000);

describe.skipIf(skip !== undefined && process.env.CI !== "true")(`diff of the lab's re-captures${skip ? ` (skipped: ${skip})` : ""}`, () => {
  it("finds every scenario captured in a second run equivalent, on every node, and exits 0", async () => {
    const captures = lab!.captures("default").filter((c) => !c.scenario.startsWith("ping"));
    expect(captures.length).toBeGreaterThan(0);
    for (const a of captures) {
      const b = lab!.capture("rerun", a.id, a.node);
      const run = await runCliCapture(["diff", "-q", a.path, b.path]);
      const summary = run.stdout.trimEnd().split("\n").at(-1);
      expect({ code: run.code, summary, stderr: run.stderr }, `${a.id} ${a.scenario} node ${a.node}`).toMatchObject({ code: 0, summary: expect.stringMatching(/^(\d+) pairs: 0 identical, \1 equivalent \(same path, volatile values only\), 0 different; 0 only in A, 0 only in B$/) });
    }
  });

  it("names the NAT target when a service is mapped to another pod", async () => {
    const run = await runCliCapture(["diff", "-q", lab!.capture("default", "06", 1).path, lab!.capture("change-mapping-moved", "06", 1).path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/10\.1\.1\.3 → 10\.1\.2\.3/);
  });
});
