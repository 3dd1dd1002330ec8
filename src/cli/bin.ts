#!/usr/bin/env node
/** The only file that touches `process`: binds stdio, files and the exit code to runCli. */
import { createReadStream } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { runCli } from "./program.js";

/** Text chunks of a file or stdin; the decoder keeps multi-byte characters whole across chunks. */
async function* readStream(path: string): AsyncIterable<string> {
  const stream = path === "-" ? process.stdin : createReadStream(path, { highWaterMark: 1 << 16 });
  stream.setEncoding("utf8");
  for await (const chunk of stream) yield chunk as string;
}

// A closed pipe (`vpptrace parse big.txt | head`) is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: (path) => readFile(path, "utf8"),
  readStream,
  sizeOf: async (path) => (await stat(path)).size,
  diskPath: (path) => resolve(path),
  writeFile: (path, text) => writeFile(path, text, "utf8"),
  stderrIsTTY: process.stderr.isTTY === true,
});
process.exitCode = code;
