/**
 * What the CLI asks the disk about its output before any work starts, the bounded read of a
 * cluster file, and how much of a trace it reads at a time. bin.ts binds these to the CliIo;
 * tests bind them to the same functions.
 */
import { constants, createReadStream } from "node:fs";
import { access, stat } from "node:fs/promises";

/** Bytes read from a file at a time, as the trace reader's pieces are (stream.ts): with 32 KB
 *  rather than 64, `check` on 150 MB took 7–10 % less CPU and `parse` 14 % less (fewer of a
 *  piece's tokens outlive a scavenge); 16 KB cost more again. */
export const READ_CHUNK_BYTES = 1 << 15;

export interface PathInfo {
  kind: "file" | "directory" | "other" | "missing";
  /** Device and inode: one value for every name of one file (a symlink, a hard link, `./x`). */
  id?: string;
  /** A file or device can be written; a directory can have files created in it. */
  writable: boolean;
}

export async function inspectPath(path: string): Promise<PathInfo> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing", writable: false };
    throw error;
  }
  const kind = info.isFile() ? "file" : info.isDirectory() ? "directory" : "other";
  const mode = kind === "directory" ? constants.W_OK | constants.X_OK : constants.W_OK;
  const writable = await access(path, mode).then(
    () => true,
    () => false,
  );
  return { kind, id: `${info.dev}:${info.ino}`, writable };
}

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
