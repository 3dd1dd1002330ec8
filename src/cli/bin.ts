#!/usr/bin/env node
/** The only file that touches `process`: binds stdio, files and the exit code to runCli. */
import { createReadStream } from "node:fs";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { runCli } from "./program.js";

/** The bytes of a file or stdin, as they come: the CLI decodes them (decode-input.ts), and
 *  stops pulling when it has read enough, which closes the stream. */
async function* readBytes(path: string): AsyncIterable<Uint8Array> {
  const stream = path === "-" ? process.stdin : createReadStream(path, { highWaterMark: 1 << 16 });
  for await (const chunk of stream) yield chunk as Buffer;
}

/** A directory's regular files (symbolic links followed), sorted by name, dotfiles left out. */
async function listDirectory(path: string): Promise<string[] | undefined> {
  const isDirectory = await stat(path).then((s) => s.isDirectory(), () => false);
  if (!isDirectory) return undefined;
  const files: string[] = [];
  for (const name of (await readdir(path)).filter((n) => !n.startsWith(".")).sort()) {
    const file = join(path, name);
    if (await stat(file).then((s) => s.isFile(), () => false)) files.push(file);
  }
  return files;
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
  readBytes,
  listDirectory,
  sizeOf: async (path) => (await stat(path)).size,
  diskPath: (path) => resolve(path),
  writeFile: (path, text) => writeFile(path, text, "utf8"),
  stderrIsTTY: process.stderr.isTTY === true,
});
process.exitCode = code;
