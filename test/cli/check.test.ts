import { XMLParser } from "fast-xml-parser";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateAgainst } from "../../src/schemas/index.js";
import { runCliCapture, sampleFiles } from "../helpers.js";
import { badTtlTrace } from "../rules/fault.js";
import { rewriteTrace } from "../support/rewrite-trace.js";

const samples = sampleFiles().map((f) => `samples/${f}`);
const dir = mkdtempSync(join(tmpdir(), "vpptrace-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const badTtl = join(dir, "bad-ttl.txt");
writeFileSync(badTtl, badTtlTrace());

describe("vpptrace check", () => {
  it("exits 0 on the guide's traces, with one verdict line per packet", async () => {
    const run = await runCliCapture(["check", "--allow-empty", "--cluster", "samples/cluster.yaml", ...samples, "samples/README.md", "samples/screenshots/report-pod-to-service-other-node.png"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n").filter((l) => l.startsWith("ok   ["))).toHaveLength(samples.length);
    expect(run.stdout).toContain(`${samples.length} packets: ${samples.length} conform, 0 violate, 0 unchecked, 0 incomplete (0 errors, 0 warnings)`);
    expect(run.stderr).toContain("samples/README.md:1:1: warning: input skipped (--allow-empty): no VPP trace in the input");
  });

  it("exits 1 and names rule, node@file:line, expected and actual of a violation", async () => {
    const run = await runCliCapture(["check", badTtl]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/│ \[1\] SYN\s+│ ttl-decrement\s+│ error\s+│ ip4-rewrite@.*bad-ttl\.txt:31\s+│ ttl 63\s+│ ttl 64/);
    expect(run.stdout).toMatch(/│ \[1\] SYN\s+│ ttl-decrement\s+│ error\s+│ tap8-output@.*bad-ttl\.txt:39\s+│ ttl 63\s+│ ttl 64/);
    expect(run.stdout).toContain("FAIL [1] SYN");
  });

  it("prints each finding under its packet's verdict line as it goes, and the table lists them above", async () => {
    const many = join(dir, "many-bad-ttl.txt");
    const packet = readFileSync(badTtl, "utf8");
    // 60 connections (one SYN each, from its own client port): a SYN repeated on one
    // connection would be a retransmission, which meets the session of the first.
    writeFileSync(many, Array.from({ length: 60 }, (_, i) => `${rewriteTrace(packet, { ports: { 39820: 40000 + i } })}\n`).join(""));
    const run = await runCliCapture(["check", many]);
    const lines = run.stdout.split("\n");
    const verdict = lines.indexOf(lines.find((l) => l.startsWith("FAIL [60] "))!);
    expect(lines[verdict + 1]).toMatch(/many-bad-ttl\.txt:\d+:\d+: error: ip4-rewrite should lower the TTL .* \(expected ttl 63, actual ttl 64\) \[ttl-decrement\]$/);
    expect(lines[verdict + 2]).toMatch(/many-bad-ttl\.txt:\d+:\d+: error: .* \[ttl-decrement\]$/);
    expect(run.stdout).toContain("… and 20 more findings, each listed above");
    expect(run.stdout).toContain("60 packets: 0 conform, 60 violate, 0 unchecked, 0 incomplete (120 errors, 0 warnings)");
  });

  it("--skip and --rule select rules; an unknown rule id is a usage error", async () => {
    expect((await runCliCapture(["check", "--skip", "ttl-decrement", badTtl])).code).toBe(0);
    expect((await runCliCapture(["check", "--rule", "drop,hexdump", badTtl])).code).toBe(0);
    expect((await runCliCapture(["check", "--rule", "ttl-decrement", badTtl])).code).toBe(1);
    const unknown = await runCliCapture(["check", "--rule", "ttl", badTtl]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown rule 'ttl'; rules: acl-action, drop, egress, hexdump");
  });

  it("--format json validates against the shipped check schema", async () => {
    for (const files of [samples, [badTtl]]) {
      const run = await runCliCapture(["check", "-f", "json", ...files]);
      expect(validateAgainst("check", JSON.parse(run.stdout))).toEqual([]);
    }
    const doc = JSON.parse((await runCliCapture(["check", "-f", "json", badTtl])).stdout);
    expect(doc.findings).toEqual([
      expect.objectContaining({ rule: "ttl-decrement", severity: "error", node: "ip4-rewrite", line: 31, expected: "ttl 63", actual: "ttl 64" }),
      expect.objectContaining({ rule: "ttl-decrement", severity: "error", node: "tap8-output", line: 39, expected: "ttl 63", actual: "ttl 64" }),
    ]);
  });

  it("--format junit parses back as JUnit XML with one testcase per packet per rule", async () => {
    const run = await runCliCapture(["check", "-f", "junit", badTtl, "samples/pod-to-host-request.txt"]);
    expect(run.code).toBe(1);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(run.stdout);
    expect(xml.testsuites).toMatchObject({ name: "vpptrace check", tests: "26", failures: "1" });
    const [bad, good] = xml.testsuites.testsuite;
    expect(bad.testcase).toHaveLength(13);
    const failed = bad.testcase.filter((c: { failure?: unknown }) => c.failure !== undefined);
    expect(failed).toEqual([expect.objectContaining({ name: "ttl-decrement", line: "31" })]);
    expect(failed[0].failure["#text"]).toContain("bad-ttl.txt:31: ip4-rewrite: expected ttl 63, actual ttl 64");
    expect(good.testcase.every((c: { failure?: unknown }) => c.failure === undefined)).toBe(true);
  });

  it("--format tap prints TAP 13 with a plan and a YAML block for the failure", async () => {
    const run = await runCliCapture(["check", "-f", "tap", badTtl]);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("TAP version 13");
    expect(lines.filter((l) => /^1\.\.\d+$/.test(l))).toEqual(["1..13"]);
    expect(lines[lines.length - 2]).toBe("1..13");
    expect(lines.filter((l) => /^not ok \d+ /.test(l))).toEqual([expect.stringMatching(/^not ok 12 - \[1\] SYN .*bad-ttl\.txt: ttl-decrement$/)]);
    expect(run.stdout).toContain('    - at: "' + badTtl + ':31"');
  });

  it("exits 2 when no input holds a trace", async () => {
    const run = await runCliCapture(["check", "samples/README.md"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^vpptrace: samples\/README\.md:1:1: error: no VPP trace/);
  });
});

describe("vpptrace check as a gate", () => {
  it("fails a run in which no packet could be checked, and says why; --fail-on violates accepts it", async () => {
    const run = await runCliCapture(["check", "samples/pod-to-host-request.txt"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("SKIP [1] #1 (samples/pod-to-host-request.txt:1): unchecked — 10.20.0.2 is outside Contiv's address plan");
    expect(run.stderr).toContain("vpptrace: no packet could be checked against its expected path (1 unchecked, 0 incomplete)");
    expect((await runCliCapture(["check", "--fail-on", "violates", "samples/pod-to-host-request.txt"])).code).toBe(0);
  });

  it("fails on an unchecked packet only when --fail-on names it", async () => {
    const files = ["samples/pod-to-pod-same-node-request.txt", "samples/pod-to-host-request.txt"];
    expect((await runCliCapture(["check", ...files])).code).toBe(0);
    const strict = await runCliCapture(["check", "--fail-on", "violates,unchecked,incomplete", ...files]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("vpptrace: failing on 1 unchecked (--fail-on violates,unchecked,incomplete)");
  });

  it("refuses an unknown verdict and an empty rule set as usage errors", async () => {
    expect(await runCliCapture(["check", "--fail-on", "bad", "samples/pod-to-host-request.txt"])).toMatchObject({ code: 2, stderr: expect.stringContaining("'bad' is not a verdict") });
    expect(await runCliCapture(["check", "--rule", "path", "--skip", "path", "samples/pod-to-host-request.txt"])).toMatchObject({ code: 2, stderr: expect.stringContaining("no rule left to run") });
  });

  it("a cluster file that describes none of the traffic leaves every packet unchecked, and the run fails", async () => {
    const other = join(dir, "other.yaml");
    writeFileSync(other, "ipam: { podSubnetCIDR: 10.200.0.0/16 }\nnodes: [{ name: a, id: 1 }]\n");
    const run = await runCliCapture(["check", "--cluster", other, "samples/pod-to-pod-same-node-request.txt", "samples/pod-to-service-same-node-request.txt"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("2 unchecked");
    expect(run.stderr).toContain("no packet could be checked");
  });
});

describe("vpptrace check: each file its own capture for connection state", () => {
  const dir = mkdtempSync(join(tmpdir(), "vpptrace-scope-"));
  const runs = ["run1.txt", "run2.txt"].map((name) => {
    const file = join(dir, name);
    writeFileSync(file, readFileSync("samples/pod-to-pod-same-node-request.txt", "utf8"));
    return file;
  });

  it("finds the same SYN in two files of separate runs conforming in both: no session carried over", async () => {
    const run = await runCliCapture(["check", "-q", "-c", "samples/cluster.yaml", ...runs]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("2 packets: 2 conform, 0 violate");
  });

  it("carries sessions from file to file with --one-capture (the second SYN is a retransmission)", async () => {
    const run = await runCliCapture(["check", "-q", "--one-capture", "-c", "samples/cluster.yaml", ...runs]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("(expected action 3, actual action 2, acl 1 rule 0) [acl-action]");
  });

  it("keeps the files of a cross-node scenario's two nodes one capture: the halves still correlate", async () => {
    const files = ["samples/pod-to-pod-other-node-request-client-node.txt", "samples/pod-to-pod-other-node-request-server-node.txt"];
    const run = await runCliCapture(["check", "-q", "-f", "json", "-c", "samples/cluster.yaml", ...files]);
    const doc = JSON.parse(run.stdout);
    expect(doc.summary).toMatchObject({ packets: 2, conforming: 2 });
    expect(doc.packets[1].scenario).toBe("pod-to-pod-other-node request on k8s-worker1 (server-node)");
  });
});
