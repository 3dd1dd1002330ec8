import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, linkSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPORT_MAX_PACKETS } from "../../src/cli/commands/report.js";
import { root, runCliCapture, sampleText } from "../helpers.js";
import { pageIndex } from "../report/drawn-page.js";
import { inject } from "../rules/fault.js";

const bin = join(root, "dist", "src", "cli", "bin.js");
const dir = mkdtempSync(join(tmpdir(), "vpptrace-output-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const badTtl = inject("pod-to-pod-same-node-request.txt", ["3c341e40003f06f1870a01010c", "3c341e40004006f0870a01010c"], ["tos 0x00, ttl 63, length 60, checksum 0xf187", "tos 0x00, ttl 64, length 60, checksum 0xf087"]);
const good = join(dir, "good.txt");
writeFileSync(good, sampleText("pod-to-pod-same-node-request.txt"));

/** Run the built CLI with its standard output read until the first chunk, then closed. */
function runClosingStdout(args: string[]): Promise<{ code: number | null; firstChunk: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let firstChunk = "";
    let stderr = "";
    child.stdout.once("data", (chunk: Buffer) => {
      firstChunk = chunk.toString();
      child.stdout.destroy();
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, firstChunk, stderr }));
  });
}

describe.skipIf(!existsSync(bin))("the built CLI's output faults", () => {
  it(
    "keeps exit code 1 when the reader of a failing check's output goes away after one chunk (| head -1)",
    async () => {
      // 400 violating packets: far more output than a pipe buffer holds, so writing goes on
      // after the reader is gone.
      const big = join(dir, "big-failing.txt");
      writeFileSync(big, Array.from({ length: 400 }, () => `${badTtl}\n`).join(""));
      for (const format of ["text", "tap"]) {
        const run = await runClosingStdout(["check", "-f", format, big]);
        expect(run.firstChunk.length).toBeGreaterThan(0);
        expect(run.code).toBe(1);
        expect(run.stderr).toBe("");
      }
      // The same check run to the end exits 1 as well; a conforming one still exits 0.
      expect(spawnSync(process.execPath, [bin, "check", big], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 }).status).toBe(1);
      expect((await runClosingStdout(["check", good])).code).toBe(0);
    },
    120_000,
  );

  it.skipIf(!existsSync("/dev/full"))(
    "answers a full disk on standard output with exit 2 and one line, never a stack trace",
    () => {
      const full = openSync("/dev/full", "w");
      try {
        for (const args of [["check", good], ["parse", "-f", "json", good], ["report", good, "-o", "-"]]) {
          const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: ["ignore", full, "pipe"], encoding: "utf8" });
          expect(run.status).toBe(2);
          expect(run.stderr).toMatch(/^vpptrace: cannot write to standard output: ENOSPC: no space left on device/);
          expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
        }
      } finally {
        closeSync(full);
      }
    },
    60_000,
  );
});

describe("report -o", () => {
  const trace = join(dir, "in.txt");
  const cluster = join(dir, "cluster.yaml");
  writeFileSync(trace, sampleText("pod-to-pod-same-node-request.txt"));
  writeFileSync(cluster, sampleText("cluster.yaml"));

  it("refuses to overwrite an input — a trace, the cluster file, a diff input — by any name, before any work", async () => {
    mkdirSync(join(dir, "links"), { recursive: true });
    symlinkSync(trace, join(dir, "links", "sym.txt"));
    linkSync(trace, join(dir, "links", "hard.txt"));
    const cases: [string[], RegExp][] = [
      [["report", trace, "-o", trace], /it is the trace '.*in\.txt'; refusing to overwrite an input$/],
      [["report", trace, "-o", join(dir, ".", "links", "..", "in.txt")], /it is the trace/],
      [["report", trace, "-o", join(dir, "links", "sym.txt")], /it is the trace/],
      [["report", trace, "-o", join(dir, "links", "hard.txt")], /it is the trace/],
      [["report", trace, "--cluster", cluster, "-o", cluster], /it is the cluster file '.*cluster\.yaml'/],
      [["report", "--diff", good, trace, "-o", trace], /it is the trace B/],
    ];
    for (const [args, message] of cases) {
      const run = await runCliCapture(args);
      expect(run.code).toBe(2);
      expect(run.stderr.trimEnd()).toMatch(new RegExp(`^vpptrace: cannot write the report to '[^']+': ${message.source}`));
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(run.stdout).toBe("");
    }
    expect(readFileSync(trace, "utf8")).toBe(sampleText("pod-to-pod-same-node-request.txt"));
    expect(readFileSync(cluster, "utf8")).toBe(sampleText("cluster.yaml"));
  });

  it("rejects a directory, a missing directory and an empty name with one line, before reading any input", async () => {
    const cases: [string, RegExp][] = [
      [dir, /^vpptrace: cannot write the report to '.*': it is a directory\n$/],
      [join(dir, "no", "such", "r.html"), /^vpptrace: cannot write the report to '.*': there is no directory '.*no\/such'\n$/],
      [join(trace, "r.html"), /^vpptrace: cannot write the report to '.*': '.*in\.txt' is not a directory\n$/],
      ["", /^vpptrace: -o needs a file name, or - for standard output\n$/],
    ];
    for (const [output, message] of cases) {
      // The input does not exist: had it been read first, that would be the error.
      const run = await runCliCapture(["report", join(dir, "missing-input.txt"), "-o", output]);
      expect(run).toMatchObject({ code: 2, stdout: "" });
      expect(run.stderr).toMatch(message);
    }
  });

  it("writes the page to standard output with -o -, and nothing else", async () => {
    const run = await runCliCapture(["report", trace, "-o", "-"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
    expect((await runCliCapture(["report", trace, "-o", join(dir, "r.html")])).stdout).toBe(`wrote ${join(dir, "r.html")}: 1 packet: 1 conform, 0 violate, 0 unchecked, 0 incomplete\n`);
    expect(existsSync(join(root, "-"))).toBe(false);
  });

  it("exits 1 when a packet violates or is incomplete, as check does", async () => {
    const bad = join(dir, "bad.txt");
    writeFileSync(bad, badTtl);
    const run = await runCliCapture(["report", bad, "-o", join(dir, "bad.html")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("1 violate");
  });

  it("stops reading at --max-packets and --max-bytes, with the same message as check", async () => {
    const many = join(dir, "many.txt");
    writeFileSync(many, Array.from({ length: 30 }, () => `${sampleText("pod-to-host-request.txt")}\n`).join(""));
    const run = await runCliCapture(["report", many, "--max-packets", "5", "-o", "-"]);
    expect(run.stderr).toContain("stopped after 5 packets (--max-packets)");
    expect(pageIndex(run.stdout)).toHaveLength(5);
    const bytes = await runCliCapture(["report", many, "--max-bytes", "3KB", "-o", "-"]);
    expect(bytes.stderr).toContain("stopped after 3000 bytes of input (--max-bytes)");
    expect((await runCliCapture(["report", many, "--max-packets", "x", "-o", "-"])).code).toBe(2);
  });

  it(
    `draws at most ${REPORT_MAX_PACKETS} packets unless --max-packets says otherwise`,
    async () => {
      const tiny = join(dir, "tiny.txt");
      const packet = (i: number) => `Packet ${i}\n\n00:00:00:000001: virtio-input\n  virtio: hw_if_index 7 next-index 4 vring 0 len 74\n\n`;
      writeFileSync(tiny, Array.from({ length: REPORT_MAX_PACKETS + 50 }, (_, i) => packet(i + 1)).join(""));
      const run = await runCliCapture(["report", "-q", tiny, "-o", join(dir, "tiny.html")], "", 1 << 16);
      // The page is written, and the run fails: it did not read all of its input.
      expect(run.stderr).toContain(`vpptrace: stopped after ${REPORT_MAX_PACKETS} packets (--max-packets): the rest of the input was not read\n`);
      expect(run.stderr).toContain("--max-packets left input unread: a gate does not pass what it did not read; raise --max-packets to read all of it\n");
      expect(run.stdout).toMatch(new RegExp(`^wrote .*tiny\\.html: ${REPORT_MAX_PACKETS} packets`));
      expect(run.code).toBe(1);
    },
    120_000,
  );
});

describe("unexpected failures", () => {
  it("never exit with 3: an internal error is one line and exit 2, its stack only with --verbose", async () => {
    const { runCli } = await import("../../src/cli/program.js");
    for (const verbose of [false, true]) {
      let stderr = "";
      const code = await runCli(["check", "-q", ...(verbose ? ["--verbose"] : [])], {
        stdout: () => {
          throw new TypeError("boom");
        },
        stderr: (t) => void (stderr += t),
        readFile: async () => "",
        readStream: async function* () {
          yield sampleText("pod-to-host-request.txt");
        },
      });
      expect(code).toBe(2);
      if (verbose) expect(stderr).toMatch(/^vpptrace: internal error: boom\nTypeError: boom\n +at /);
      else expect(stderr).toBe("vpptrace: internal error: boom (a bug in vpptrace: please report it)\n");
    }
  });
});
