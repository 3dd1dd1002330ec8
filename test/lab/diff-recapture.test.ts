/**
 * The golden-file workflow on a real VPP 26.06: two captures of the same scenario from two
 * runs (new client ports, IP IDs, sequence numbers, buffers, af_packet blocks, NAT sessions)
 * are `equivalent` and `diff` exits 0; a capture after a service was mapped to another pod
 * is a difference that names the NAT target.
 *
 * Two runs do not always send the same packets: a TCP teardown may take one segment more,
 * a client may retry, a ping meets the ACL session the first run's left (the ACL plugin keys
 * an ICMP session by type and code, not identifier). Those are differences, rightly; the
 * equivalence is asserted where both runs show the same node paths and TCP flags in order,
 * which most scenarios do.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseTrace } from "../../src/trace/index.js";
import { runCliCapture } from "../helpers.js";
import { labSession, labSkip, type LabCapture, type LabSession } from "./lab.js";

const skip = labSkip();
let lab: LabSession | undefined;

beforeAll(async () => {
  lab = await labSession();
}, 16 * 60_000);

/** The packets of a capture as nodes and TCP flags: what two runs must share to compare. */
function shape(capture: LabCapture): string[] {
  return parseTrace(readFileSync(capture.path, "utf8"), { file: capture.path }).packets.map((p) => `${p.records.map((r) => r.node).join(" ")} ${p.records.find((r) => r.fields.l4 !== undefined)?.fields.l4?.tcpFlags ?? "-"}`);
}

describe.skipIf(skip !== undefined && process.env.CI !== "true")(`diff of the lab's re-captures${skip ? ` (skipped: ${skip})` : ""}`, () => {
  it("finds a scenario captured again in a second run equivalent, on every node, and exits 0", async () => {
    // A ping of the second run meets the ACL session the first run's ping left (same type
    // and code): the diff rightly names `acl.action 2 → 3`, so pings are not expected alike.
    const tcp = lab!.captures("default").filter((a) => !a.scenario.startsWith("ping"));
    const alike = tcp.filter((a) => JSON.stringify(shape(a)) === JSON.stringify(shape(lab!.capture("rerun", a.id, a.node))));
    // How many of the 14 TCP captures two runs send alike varies (7 to 11 seen): at least a
    // few always do, and every one that does must be equivalent.
    expect(alike.length).toBeGreaterThanOrEqual(4);
    for (const a of alike) {
      const run = await runCliCapture(["diff", "-q", a.path, lab!.capture("rerun", a.id, a.node).path]);
      const summary = run.stdout.trimEnd().split("\n").at(-1);
      expect({ code: run.code, summary }, `${a.id} ${a.scenario} node ${a.node}`).toMatchObject({ code: 0, summary: expect.stringMatching(/^(\d+) pairs: 0 identical, \1 equivalent \(same path, volatile values only\), 0 different; 0 only in A, 0 only in B$/) });
    }
  }, 120_000);

  it("names the NAT target when a service is mapped to another pod", async () => {
    const run = await runCliCapture(["diff", "-q", lab!.capture("default", "06", 1).path, lab!.capture("change-mapping-moved", "06", 1).path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/10\.1\.1\.3 → 10\.1\.2\.3/);
  }, 60_000);
});
