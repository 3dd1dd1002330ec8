import { describe, expect, it } from "vitest";
import { validateAgainst } from "../../src/schemas/index.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { badTtlTrace } from "../rules/fault.js";
import { hasSharedTraces, runCliCapture, sampleFiles, sampleText, sharedTracesDir } from "../helpers.js";

const samples = sampleFiles().map((f) => `samples/${f}`);

describe("vpptrace paths", () => {
  it("groups the samples by node path, most travelled first, with every packet's verdict counted on the cluster", async () => {
    const run = await runCliCapture(["paths", "-q", "-f", "json", "-c", "samples/cluster.yaml", ...samples]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(validateAgainst("paths", doc)).toEqual([]);
    expect(doc.packets).toBe(18);
    expect(doc.paths).toHaveLength(13);
    expect(doc.paths.reduce((n: number, p: { count: number }) => n + p.count, 0)).toBe(18);
    expect(doc.paths[0]).toMatchObject({
      count: 3,
      threads: [],
      first: { index: 4, file: "samples/pod-to-host-response.txt" },
      verdict: "conforms",
      verdicts: { conforms: 3 },
      scenario: "pod-to-host response on k8s-master",
    });
    expect(doc.paths[0].nodes.at(-1)).toBe("tap2-output");
  });

  it("shows a joined hand-off as one path on both threads, without verdicts when no cluster is given", async () => {
    const run = await runCliCapture(["paths", "test/fixtures/handoff-two-workers.txt"]);
    expect(run.stdout).toBe(
      "1 packet, 1 unique path\n\nPath [0]  1 packet  threads 1,2\n" +
        "  virtio-input -> ethernet-input -> ip4-input -> acl-plugin-in-ip4-fa -> nat44-in2out-worker-handoff -> handoff_trace -> nat44-in2out -> nat44-in2out-slowpath -> ip4-lookup -> ip4-rewrite -> acl-plugin-out-ip4-fa -> tap2-output\n" +
        "  first: [1] Packet 1 (test/fixtures/handoff-two-workers.txt:42)\n",
    );
  });

  it("keeps the halves as two paths with --no-join", async () => {
    const run = await runCliCapture(["paths", "-f", "json", "--no-join", "test/fixtures/handoff-two-workers.txt"]);
    expect(JSON.parse(run.stdout).paths.map((p: { threads: number[] }) => p.threads)).toEqual([[1], [2]]);
  });

  it.skipIf(!hasSharedTraces)("summarises a 17.01 capture of 50 packets into its six output interfaces", async () => {
    const run = await runCliCapture(["paths", "-q", "-f", "json", `${sharedTracesDir}/007-vpp-unittest-log-pg-vrf-multi-instance-17.01.txt`]);
    const doc = JSON.parse(run.stdout);
    expect(doc.paths.map((p: { nodes: string[]; count: number }) => `${p.nodes.at(-1)} ${p.count}`)).toEqual(["pg1-output 10", "pg2-output 10", "pg0-output 10", "pg5-output 10", "pg4-output 5", "pg3-output 5"]);
  });

  it("--verdict counts each path's verdicts: a violating packet behind a conforming first one is not hidden", async () => {
    const trace = join(mkdtempSync(join(tmpdir(), "vpptrace-paths-")), "two.txt");
    writeFileSync(trace, `${sampleText("pod-to-pod-same-node-request.txt")}\n${badTtlTrace()}`);
    const run = await runCliCapture(["paths", "-q", "--verdict", trace]);
    expect(run.stdout).toContain("  verdicts: 1 conform, 1 violate\n");
    const json = JSON.parse((await runCliCapture(["paths", "-q", "-f", "json", "--verdict", trace])).stdout);
    expect(validateAgainst("paths", json)).toEqual([]);
    expect(json.paths).toEqual([expect.objectContaining({ count: 2, verdict: "violates", verdicts: { conforms: 1, violates: 1 } })]);
  });
});
