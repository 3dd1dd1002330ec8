#!/usr/bin/env node
/** The only file that touches `process`: binds stdio and the exit code to runCli. */
import { readFile } from "node:fs/promises";
import { runCli } from "./program.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

// A closed pipe (`vpptrace parse big.txt | head`) is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readStdin,
  readFile: (path) => readFile(path, "utf8"),
});
process.exitCode = code;
