#!/usr/bin/env node
/** The only file that touches `process`: binds stdio, files and the exit code to runCli. */
import { appendFile, readFile, stat } from "node:fs/promises";
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import { listDirectory, readBounded, readBytes } from "../input/disk.js";
import { stopWriting, writeFileAtomically } from "./atomic-file.js";
import { inspectPath } from "./disk.js";
import { runCli } from "./program.js";

/**
 * What vpptrace keeps alive is small next to what it allocates and drops (tokens, records,
 * packets of each piece), and V8 let its old space grow to up to four times the live data
 * before collecting it: `diff` on 150 MB held ~40 MB live in a heap of 170 MB. A full
 * collection once the old space has grown by half costs little here (the live data is small)
 * and caps nothing: a heap that must grow still does. Left alone when the user gave the flag.
 */
function collectOldSpaceSooner(): void {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((arg) => arg.includes("heap-growing-percent"));
  if (!given) setFlagsFromString("--heap-growing-percent=50");
}
collectOldSpaceSooner();

/** A program run without a shell, its output collected; killed after the timeout (a VPP
 *  that does not answer). A program that cannot start is an error; its own failure is a code. */
function runProgram(program: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code === "string") return reject(new Error(error.code === "ENOENT" ? `${program}: no such program` : `${program}: ${error.message}`));
      if (error !== null && error.killed) return reject(new Error(`${program} did not answer within ${timeoutMs / 1000} s`));
      resolve({ stdout, stderr, code: error === null ? 0 : typeof error.code === "number" ? error.code : 1 });
    });
  });
}

const verbose = process.argv.includes("--verbose") || process.argv.includes("-v");

/** One line and exit 2: a failure of the output or of vpptrace itself, never a stack trace
 *  (unless --verbose asks for it). */
function fail(message: string, error: unknown): never {
  process.stderr.write(`vpptrace: ${message}\n${verbose && error instanceof Error && error.stack ? `${error.stack}\n` : ""}`);
  process.exit(2);
}

/**
 * Standard output. A reader that goes away (`vpptrace check big.txt | head -1`) ends the
 * output, not the run: what is written after is dropped, the input is still read to the
 * end and the exit code is still the verdict — a closed pipe must not turn a failing gate
 * into a passing one. Any other write error (`> /dev/full`) means the output is lost: one
 * line and exit 2.
 */
let stdoutOpen = true;
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (!stdoutOpen) return;
  stdoutOpen = false;
  if (error.code !== "EPIPE") fail(`cannot write to standard output: ${error.message}`, error);
});
/** Standard output has room again, or is gone (a reader that went away never drains). */
function stdoutDrained(): Promise<void> {
  if (!stdoutOpen || !process.stdout.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      process.stdout.off("drain", done).off("error", done).off("close", done);
      resolve();
    };
    process.stdout.on("drain", done).on("error", done).on("close", done);
  });
}

// Nowhere is left to report a failure of standard error itself.
process.stderr.on("error", () => undefined);
/** A signal that ends the run removes the `-o` file half-written beside its target (the
 *  target itself is untouched until the rename), then ends the run as the signal would. */
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  // `on`, not `once`: `once` restores the default action before its handler runs, and a
  // second signal then would end the run before the temporary file is removed.
  const stop = (): void => stopWriting(() => {
    process.off(signal, stop);
    process.kill(process.pid, signal);
  });
  process.on(signal, stop);
}
// Past the file size limit (`ulimit -f`) the write fails with EFBIG, which says so in one
// line and exit 2, instead of the signal killing the run without a word.
process.on("SIGXFSZ", () => undefined);
process.on("uncaughtException", (error) => fail(`internal error: ${error.message}${verbose ? "" : " (a bug in vpptrace: please report it)"}`, error));

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => void (stdoutOpen && process.stdout.write(text)),
  stderr: (text) => void process.stderr.write(text),
  drained: stdoutDrained,
  readFile: (path, maxBytes) => (maxBytes === undefined ? readFile(path, "utf8") : readBounded(path, maxBytes)),
  readBytes: (path) => readBytes(path, process.stdin),
  listDirectory,
  sizeOf: async (path) => (await stat(path)).size,
  diskPath: (path) => resolve(path),
  writeFile: (path, text) => writeFileAtomically(path, text),
  writeBytes: (path, bytes) => writeFileAtomically(path, bytes),
  inspectPath,
  stderrIsTTY: process.stderr.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  columns: process.stdout.columns,
  env: process.env,
  cwd: process.cwd(),
  appendFile: (path, text) => appendFile(path, text, "utf8"),
  run: runProgram,
});
process.exitCode = code;
