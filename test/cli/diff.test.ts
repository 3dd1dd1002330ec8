import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DIFF_TABLE_ROWS } from "../../src/report/diff-text.js";
import { validateAgainst } from "../../src/schemas/index.js";
import { runCliCapture } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "vpptrace-diff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One packet of `records` small records (about 35 bytes each); every `every`-th node renamed. */
function longPacket(records: number, every = 0): string {
  const nodes = ["virtio-input", "ethernet-input", "ip4-input", "ip4-lookup", "ip4-rewrite", "tap8-output"];
  const lines = ["Packet 1", ""];
  for (let i = 0; i < records; i++) {
    const node = every > 0 && i % every === 0 ? "my-plugin" : nodes[i % nodes.length];
    lines.push(`00:00:${String(Math.floor(i / 1e6) % 60).padStart(2, "0")}:${String(i % 1e6).padStart(6, "0")}: ${node}`, `  x ${i % 10}`);
  }
  return `${lines.join("\n")}\n`;
}

describe("vpptrace diff (CLI)", () => {
  it(
    "diffs two one-packet traces of 30 000 records each in linear memory, listing at most a table's worth of rows",
    async () => {
      const [a, b] = [join(dir, "a.txt"), join(dir, "b.txt")];
      writeFileSync(a, longPacket(30_000));
      writeFileSync(b, longPacket(30_000, 97));
      const run = await runCliCapture(["diff", "-q", a, b], "", 1 << 16);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("1 pairs: 0 identical, 0 equivalent (same path, volatile values only), 1 different");
      expect(run.stdout.split("\n").length).toBeLessThan(DIFF_TABLE_ROWS * 2 + 20);
      expect(run.stdout).toMatch(/… \d+ of 30\d{3} nodes not shown \(\d+ of \d+ differences\); --format json lists every node/);
    },
    120_000,
  );


  it("exits 0 on equivalent traces, summarising them in one line", async () => {
    const run = await runCliCapture(["diff", "samples/pod-to-host-request.txt", "samples/pod-to-host-request.txt"]);
    expect(run).toMatchObject({ code: 0, stdout: "= 1 packet pair identical under the mask: A[1]=B[1]\n1 pairs: 1 identical, 0 equivalent (same path, volatile values only), 0 different; 0 only in A, 0 only in B\n" });
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

describe("vpptrace diff (CLI): what it compared", () => {
  const syn = "samples/pod-to-pod-same-node-request.txt";

  it("refuses an --ignore name that matches no field of either trace, naming it", async () => {
    const run = await runCliCapture(["diff", "-q", "--ignore", "tll", syn, syn]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--ignore/--only: 'tll' matched no field of either trace");
    expect((await runCliCapture(["diff", "-q", "--ignore", "ttl", syn, syn])).code).toBe(0);
  });

  it("fails when the filter leaves no pair to compare, unless --allow-empty", async () => {
    const run = await runCliCapture(["diff", "-q", "--filter", "host 10.1.1.33", syn, syn]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("vpptrace: --filter 'host 10.1.1.33' selected no packet: a run that compared nothing fails; --allow-empty accepts it");
    expect((await runCliCapture(["diff", "-q", "--allow-empty", "--filter", "host 10.1.1.33", syn, syn])).code).toBe(0);
  });

  it("fails when --max-packets leaves input unread, and says so", async () => {
    const two = join(dir, "two.txt");
    writeFileSync(two, `${longPacket(3)}\nPacket 2\n\n00:00:01:000001: ip4-input\n  x 1\n`);
    const run = await runCliCapture(["diff", "-q", "--max-packets", "1", two, two]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--max-packets left input unread: a gate does not pass what it did not read");
  });
});
