import { describe, expect, it } from "vitest";
import { validateAgainst } from "../../src/schemas/index.js";
import { runCliCapture, sampleFiles } from "../helpers.js";

const samples = sampleFiles().map((f) => `samples/${f}`);

describe("vpptrace parse", () => {
  it("prints a table per packet with the key fields of each record", async () => {
    const run = await runCliCapture(["parse", "samples/pod-to-pod-same-node-request.txt"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("[1] SYN (samples/pod-to-pod-same-node-request.txt:1)");
    expect(run.stdout).toMatch(/acl-plugin-in-ip4-fa\s+│ sw_if_index 7\s+│ proto 6 10\.1\.1\.12:39820 → 10\.1\.1\.9:8080\s+│\s+│ acl 1 rule 0 action 2/);
    expect(run.stdout).toMatch(/tap8-output\s+│ tap8\s+│ TCP 10\.1\.1\.12:39820 → 10\.1\.1\.9:8080\s+│ 63/);
  });

  it("prints one JSON document that validates against the shipped schema", async () => {
    const run = await runCliCapture(["parse", "--format", "json", ...samples]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(validateAgainst("parse", doc)).toEqual([]);
    expect(doc.packets).toHaveLength(samples.length);
    expect(doc.packets.map((p: { index: number }) => p.index)).toEqual(samples.map((_, i) => i + 1));
  });

  it("prints one packet per NDJSON line, each valid against the packet schema", async () => {
    const run = await runCliCapture(["parse", "-f", "ndjson", ...samples]);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(samples.length);
    for (const line of lines) expect(validateAgainst("packet", JSON.parse(line))).toEqual([]);
  });

  it("reads stdin when given `-` or no file", async () => {
    const text = "01:48:51:256986: virtio-input\n  virtio: hw_if_index 7 next-index 4 vring 0 len 74\n";
    const run = await runCliCapture(["parse", "-f", "json"], text);
    expect(JSON.parse(run.stdout).packets[0]).toMatchObject({ file: "-", records: [{ node: "virtio-input" }] });
  });

  it("the schema rejects a packet whose record lost its fields", () => {
    const errors = validateAgainst("packet", { index: 1, file: "f", thread: null, number: null, label: "#1", line: 1, records: [{ kind: "acl", node: "x", time: null, file: "f", line: 1, raw: [] }] });
    expect(errors).toEqual(["/records/0: must have required property 'fields'"]);
  });

  it.each([
    ["binary bytes", "\u0000\u0001\u0002garbage", "-:1:1: error: the input is binary data (a NUL byte), not `show trace` text"],
    ["an empty input", "", "-:1:1: error: no VPP trace in the input: it is empty"],
    ["a JSON file", '{"packets": []}\n', `-:1:1: error: no VPP trace in the input: expected a record header such as '01:48:51:256986: virtio-input', found '{"packets": []}'`],
  ])("rejects %s with exit 2 and one line naming file:line:column", async (_what, stdin, message) => {
    const run = await runCliCapture(["parse", "-"], stdin);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(`vpptrace: ${message}`);
  });

  it("prints one warning per garbled line at file:line:column, and the packet as incomplete", async () => {
    const run = await runCliCapture(["parse", "-f", "ndjson", "test/fixtures/four-garbled-lines.txt"]);
    expect(run.code).toBe(0);
    expect(run.stderr.trimEnd().split("\n").map((l) => l.split(": warning: ")[0])).toEqual(["10:15", "17:44", "25:34", "31:14"].map((at) => `test/fixtures/four-garbled-lines.txt:${at}`));
    expect(JSON.parse(run.stdout)).toMatchObject({ incomplete: true });
    expect(validateAgainst("packet", JSON.parse(run.stdout))).toEqual([]);
  });

  it("reports a missing file with exit 2", async () => {
    const run = await runCliCapture(["parse", "no/such/file.txt"]);
    expect(run).toMatchObject({ code: 2, stderr: "vpptrace: no/such/file.txt:1:1: error: cannot read input: no such file\n" });
  });

  it("answers an unknown format with a usage error and exit 2", async () => {
    const run = await runCliCapture(["parse", "--format", "xml", samples[0]]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("argument 'xml' is invalid");
  });
});
