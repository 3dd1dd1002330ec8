import { describe, expect, it } from "vitest";
import { validateAgainst } from "../../src/schemas/index.js";
import { runCliCapture } from "../helpers.js";

describe("vpptrace diff (CLI)", () => {
  it("exits 0 on equivalent traces, summarising them in one line", async () => {
    const run = await runCliCapture(["diff", "samples/pod-to-host-request.txt", "samples/pod-to-host-request.txt"]);
    expect(run).toMatchObject({ code: 0, stdout: "= 1 packet pair identical under the mask: A[1]=B[1]\n1 pairs: 1 identical, 0 different; 0 only in A, 0 only in B\n" });
  });

  it("exits 1 on different traces with a side-by-side table and the first divergence", async () => {
    const run = await runCliCapture(["diff", "samples/pod-to-pod-same-node-request.txt", "samples/pod-to-service-same-node-request.txt"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("first divergence: nat44-out2in: nat.session -1 → 5");
    expect(run.stdout).toMatch(/│ nat44-out2in:20\s+│ nat44-out2in:18\s+│ nat\.session -1 → 5/);
    const json = await runCliCapture(["diff", "-f", "json", "samples/pod-to-pod-same-node-request.txt", "samples/pod-to-service-same-node-request.txt"]);
    expect(validateAgainst("diff", JSON.parse(json.stdout))).toEqual([]);
  });

  it("exits 2 when an input is unreadable or not a trace", async () => {
    expect((await runCliCapture(["diff", "samples/pod-to-host-request.txt", "nope.txt"])).code).toBe(2);
    expect((await runCliCapture(["diff", "samples/pod-to-host-request.txt", "samples/README.md"])).code).toBe(2);
    expect((await runCliCapture(["diff", "samples/pod-to-host-request.txt"])).code).toBe(2);
  });
});
