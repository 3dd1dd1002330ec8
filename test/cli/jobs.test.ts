import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateTrace } from "../../src/bench/generate.js";
import { UsageError, type CliIo } from "../../src/cli/io.js";
import { diagnosticShower } from "../../src/input/index.js";
import { parseInWorkers } from "../../src/cli/jobs.js";
import { renumberLines } from "../../src/cli/packet-output.js";
import { Progress } from "../../src/cli/progress.js";
import { root, runCliCapture, sampleFiles, samplesDir, sampleText } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "vpptrace-jobs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const samples = sampleFiles().map((f) => `samples/${f}`);

/** parseInWorkers on its own (the CLI starts workers only for 4 MB of input or more). */
async function inWorkers(names: string[], format: "ndjson" | "text", jobs = 2, allowEmpty = false): Promise<{ stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readFile: async () => "", readStream: async function* () {} };
  const paths = names.map((n) => (n.startsWith("/") ? n : join(root, n)));
  await parseInWorkers(names, paths, jobs, format, io, diagnosticShower(io, {}), new Progress(io, false), allowEmpty);
  return { stdout, stderr };
}

describe("parse --jobs", () => {
  it("renumbers a packet's output by the packets of the files before it", () => {
    expect(renumberLines('{"index":3,"file":"a 7"}\n', 10, "ndjson")).toBe('{"index":13,"file":"a 7"}\n');
    expect(renumberLines("[3] Packet 7 (a.txt:9)\n│ 12 │\n", 10, "text")).toBe("[13] Packet 7 (a.txt:9)\n│ 12 │\n");
    expect(renumberLines('{"index":1,"x":2}\n{"index":2,"x":[1]}\n', 5, "ndjson")).toBe('{"index":6,"x":2}\n{"index":7,"x":[1]}\n');
    expect(renumberLines("[1] SYN (a:1)\n│ 1 │ [2] │\n\n[2] ACK (a:9)\n", 5, "text")).toBe("[6] SYN (a:1)\n│ 1 │ [2] │\n\n[7] ACK (a:9)\n");
  });

  it("renumbers only at line starts: never after a U+2028 or U+2029 inside a line", () => {
    expect(renumberLines("[1] SYN\u2028[1] x (a:1)\n│ [2]\u2029[3] │\n", 10, "text")).toBe("[11] SYN\u2028[1] x (a:1)\n│ [2]\u2029[3] │\n");
    expect(renumberLines('{"index":1,"label":"a\u2028{\\"index\\":2"}\n', 10, "ndjson")).toBe('{"index":11,"label":"a\u2028{\\"index\\":2"}\n');
  });

  it.each(["ndjson", "text"] as const)("writes %s output with line separators in the trace exactly as one thread does", async (format) => {
    const text = sampleText("pod-to-host-request.txt");
    const names = [1, 2].map((n) => {
      const file = join(dir, `separators-${n}.txt`);
      writeFileSync(file, `SYN ${n}\u2028[1] \u2029{"index":3}:\n----------\n${text}`);
      return file;
    });
    const serial = await runCliCapture(["parse", "-f", format, "--jobs", "1", ...names]);
    expect((await inWorkers(names, format)).stdout).toBe(serial.stdout);
  }, 60_000);

  it.each(["ndjson", "text"] as const)("writes the samples' %s output exactly as one thread does, on workers of any number", async (format) => {
    const serial = await runCliCapture(["parse", "-f", format, "--jobs", "1", ...samples]);
    for (const jobs of [2, 3]) expect((await inWorkers(samples, format, jobs)).stdout).toBe(serial.stdout);
  }, 60_000);

  it("fails on an input that holds no trace, or skips it under --allow-empty, as one thread does", async () => {
    const names = [samples[0], "samples/README.md", samples[1]];
    const serial = await runCliCapture(["parse", "-f", "ndjson", "--jobs", "1", ...names]);
    expect(serial.code).toBe(2);
    await expect(inWorkers(names, "ndjson")).rejects.toThrow(serial.stderr.replace(/^vpptrace: /, "").trimEnd());
    const skipped = await runCliCapture(["parse", "-f", "ndjson", "--jobs", "1", "--allow-empty", ...names]);
    const parallel = await inWorkers(names, "ndjson", 2, true);
    expect(parallel.stdout).toBe(skipped.stdout);
    expect(parallel.stderr).toBe(skipped.stderr);
  }, 60_000);

  it("stops at an unreadable input after writing the files before it", async () => {
    const folder = join(dir, "a-folder");
    mkdirSync(folder);
    let stdout = "";
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: () => undefined, readFile: async () => "", readStream: async function* () {} };
    const failing = parseInWorkers([samples[0], folder, samples[1]], [join(root, samples[0]), folder, join(root, samples[1])], 2, "ndjson", io, () => undefined, new Progress(io, false));
    await expect(failing).rejects.toThrow(UsageError);
    await expect(failing).rejects.toThrow(/a-folder:1:1: error: cannot read input/);
    expect(stdout.trimEnd().split("\n")).toHaveLength(1);
  }, 60_000);

  it("starts workers from the command line for several large files, with the serial output", async () => {
    const files = [1, 2].map((seed) => {
      const file = join(dir, `large-${seed}.txt`);
      writeFileSync(file, generateTrace(2_200_000, samplesDir, 3, seed));
      return file;
    });
    const serial = await runCliCapture(["parse", "-f", "ndjson", "-q", "--jobs", "1", ...files]);
    const parallel = await runCliCapture(["parse", "-f", "ndjson", "-q", "--jobs", "2", ...files]);
    expect(parallel.code).toBe(0);
    expect(parallel.stdout).toBe(serial.stdout);
    expect(serial.stdout.split("\n").length).toBeGreaterThan(1000);
  }, 120_000);

  it("refuses a number of jobs that is not a whole number of at least 1", async () => {
    const run = await runCliCapture(["parse", "--jobs", "0", samples[0]]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'0' is not a number of jobs");
  });
});
