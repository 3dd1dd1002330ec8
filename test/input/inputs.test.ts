/**
 * The inputs named on the command line: directories read as the files inside them, inputs
 * that hold no trace fail the run unless --allow-empty, limits that would read nothing are
 * usage errors. Every failure is one line and exit 2.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliCapture, samplesDir } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "vpptrace-inputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sample = (name: string): string => join(samplesDir, name);
const A = sample("pod-to-host-request.txt");
const B = sample("pod-to-pod-same-node-request.txt");
const empty = join(dir, "empty.txt");
writeFileSync(empty, "");
const readme = sample("README.md");

/** A folder of traces: b then a by name order, a subfolder, a dotfile, a cluster file. */
const traces = join(dir, "traces");
mkdirSync(join(traces, "deeper"), { recursive: true });
copyFileSync(B, join(traces, "b.txt"));
copyFileSync(A, join(traces, "a.txt"));
copyFileSync(A, join(traces, "deeper", "c.txt"));
writeFileSync(join(traces, ".gitkeep"), "");
copyFileSync(sample("cluster.yaml"), join(traces, "cluster.yaml"));

const oneLine = (stderr: string): void => expect(stderr.trimEnd().split("\n")).toHaveLength(1);

describe("a directory among the inputs", () => {
  it("is read as the regular files directly inside it, sorted by name, without dotfiles", async () => {
    const run = await runCliCapture(["parse", "-f", "json", "--allow-empty", join(traces, "b.txt"), traces]);
    const files = JSON.parse(run.stdout).packets.map((p: { file: string }) => p.file);
    expect(files).toEqual([join(traces, "b.txt"), join(traces, "a.txt"), join(traces, "b.txt")]);
    expect(run.stderr).toContain(`${join(traces, "cluster.yaml")}:1:1: warning: input skipped (--allow-empty): no VPP trace in the input`);
  });

  it("leaves out the cluster description it holds", async () => {
    const run = await runCliCapture(["check", "--cluster", join(traces, "cluster.yaml"), traces]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
  });

  it("that holds no file is exit 2, or skipped under --allow-empty", async () => {
    const none = join(dir, "none");
    mkdirSync(none);
    const run = await runCliCapture(["parse", A, none]);
    expect(run).toMatchObject({ code: 2, stderr: `vpptrace: ${none}:1:1: error: the directory holds no file to read (only regular files directly inside it are read); --allow-empty skips it\n` });
    expect((await runCliCapture(["parse", "--allow-empty", A, none])).code).toBe(0);
  });
});

describe("an input that holds no trace", () => {
  it.each([
    ["an empty file", empty, `${empty}:1:1: error: no VPP trace in the input: it is empty`],
    ["a README", readme, `${readme}:1:1: error: no VPP trace in the input: expected a record header such as '01:48:51:256986: virtio-input', found '# Samples'`],
    ["an image", sample("screenshots/report-pod-to-service-other-node.png"), `${sample("screenshots/report-pod-to-service-other-node.png")}:1:1: error: the input is a PNG image, not \`show trace\` text`],
  ])("among several is exit 2 with one line: %s", async (_what, file, message) => {
    for (const command of ["parse", "check"]) {
      const run = await runCliCapture([command, A, file, B]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`vpptrace: ${message}`);
      expect(run.stderr).toContain("(--allow-empty skips inputs that hold no trace)");
      oneLine(run.stderr);
    }
  });

  it("fails diff and report too, unless --allow-empty", async () => {
    expect(await runCliCapture(["diff", A, empty])).toMatchObject({ code: 2, stderr: `vpptrace: ${empty}:1:1: error: no VPP trace in the input: it is empty\n` });
    expect((await runCliCapture(["diff", "--allow-empty", A, empty])).code).toBe(1);
    const out = join(dir, "report.html");
    expect((await runCliCapture(["report", A, empty, "-o", out])).code).toBe(2);
    expect((await runCliCapture(["report", "--allow-empty", A, empty, "-o", out])).code).toBe(0);
  });

  it("is skipped with a warning under --allow-empty, and the rest is read", async () => {
    const run = await runCliCapture(["check", "--allow-empty", A, empty, B]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`${empty}:1:1: warning: input skipped (--allow-empty): no VPP trace in the input: it is empty\n`);
    expect(run.stdout).toContain("2 packets: ");
  });
});

describe("limits that would read nothing", () => {
  it.each(["parse", "check", "diff"])("--max-packets 0 is a usage error for %s", async (command) => {
    const run = await runCliCapture([command, "--max-packets", "0", A, B]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'0' is not a number of packets: expected 1 or more");
    oneLine(run.stderr);
  });
});
