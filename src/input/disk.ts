/**
 * Inputs on disk: a trace file or standard input as chunks of bytes, a directory's regular
 * files, and the bounded read of a file found by name (a cluster description). A FIFO or a
 * terminal named by the user is read as `cat` would read it (`check <(vppctl show trace)`).
 */
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { InputIo } from "./io.js";

/** Bytes read from a file at a time, as the trace reader's pieces are (stream.ts): with 32 KB
 *  rather than 64, `check` on 150 MB took 7–10 % less CPU and `parse` 14 % less (fewer of a
 *  piece's tokens outlive a scavenge); 16 KB cost more again. */
export const READ_CHUNK_BYTES = 1 << 15;

/** At most `maxBytes + 1` bytes of a file as text — enough to tell that it is too large —
 *  so that `--cluster /dev/zero` or a 100 MB file is never read whole. */
export async function readBounded(path: string, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = createReadStream(path);
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > maxBytes) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).toString("utf8");
}

/** The bytes of a file or of standard input (`-`), as they come: decode.ts judges them, and
 *  stops pulling when it has read enough, which closes the stream. */
export async function* readBytes(path: string, stdin: AsyncIterable<Uint8Array> = process.stdin): AsyncIterable<Uint8Array> {
  const stream = path === "-" ? stdin : createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  for await (const chunk of stream) yield chunk as Buffer;
}

/** A directory's regular files (symbolic links followed), sorted by name, dotfiles left out. */
export async function listDirectory(path: string): Promise<string[] | undefined> {
  const isDirectory = await stat(path).then((s) => s.isDirectory(), () => false);
  if (!isDirectory) return undefined;
  const files: string[] = [];
  for (const name of (await readdir(path)).filter((n) => !n.startsWith(".")).sort()) {
    const file = join(path, name);
    if (await stat(file).then((s) => s.isFile(), () => false)) files.push(file);
  }
  return files;
}

/** Inputs read from this machine's disk and standard input; warnings go to `stderr`. */
export function diskInputs(stderr: (text: string) => void = () => undefined): InputIo {
  return { stderr, readBytes: (path) => readBytes(path), listDirectory, diskPath: (path) => resolve(path) };
}
