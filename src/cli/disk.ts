/**
 * What the CLI asks the disk about its output before any work starts. bin.ts binds it to the
 * CliIo; tests bind it to the same function.
 */
import { constants, type Stats } from "node:fs";
import { access, stat } from "node:fs/promises";

export interface PathInfo {
  kind: "file" | "directory" | "other" | "missing";
  /** Device and inode: one value for every name of one file (a symlink, a hard link, `./x`). */
  id?: string;
  /** A file or device can be written; a directory can have files created in it. */
  writable: boolean;
  /** What an "other" is, in words: "a FIFO", "a socket", "a device". */
  what?: string;
}

/** What a path that is neither a regular file nor a directory is, in words. */
function otherKind(info: Stats): string {
  if (info.isFIFO()) return "a FIFO";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  return "not a regular file";
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
  return { kind, id: `${info.dev}:${info.ino}`, writable, ...(kind === "other" ? { what: otherKind(info) } : {}) };
}
