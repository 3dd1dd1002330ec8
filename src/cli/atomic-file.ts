/**
 * `-o FILE` written whole or not at all: the bytes go to a temporary file in the same folder
 * (same file system, so the rename is atomic), which is then renamed over FILE. Killed
 * mid-write, or failing (a full disk, EFBIG), the previous FILE is left as it was and the
 * temporary file removed (bin.ts removes those still pending when a signal ends the run).
 * What is not a regular file (`/dev/stdout`, a FIFO) is written in place: renaming over a
 * device would replace it.
 */
import { randomBytes } from "node:crypto";
import { unlinkSync } from "node:fs";
import { chmod, open, realpath, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Temporary files being written now: removed by bin.ts when a signal ends the run. */
const pending = new Set<string>();
/** Writes under way, and what to do once none is (set when a signal stops the run). */
let underWay = 0;
let stopped: (() => void) | undefined;

/**
 * A signal stops the run: the temporaries written so far are removed, and `end` (which ends
 * the process) is called once no write is under way — an `open` still in libuv's thread pool
 * would create its file after the removal, and the write then removes it itself.
 */
export function stopWriting(end: () => void): void {
  stopped = end;
  removePendingTemporaries();
  if (underWay === 0) end();
}

class Stopped extends Error {}

/** Between the steps of a write: a stopped run goes no further. */
function going(): void {
  if (stopped !== undefined) throw new Stopped("stopped by a signal");
}

function removePendingTemporaries(): void {
  for (const path of pending) {
    try {
      unlinkSync(path);
    } catch {
      // Already renamed into place, or gone: nothing left to clean.
    }
  }
  pending.clear();
}

/** Where FILE really is: through a symbolic link, the file it names (the link stays a link). */
async function resolved(path: string): Promise<{ path: string; mode?: number; regular: boolean }> {
  const real = await realpath(path).catch(() => path);
  const info = await stat(real).catch(() => undefined);
  if (info === undefined) return { path: real, regular: true };
  return { path: real, mode: info.mode & 0o7777, regular: info.isFile() };
}

/** The temporary name beside `path`: a dotfile (left out of directory reads), unique per run. */
export const temporaryName = (path: string): string => join(dirname(path), `.${basename(path)}.vpptrace-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);

export async function writeFileAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const target = await resolved(path);
  if (!target.regular) {
    const handle = await open(target.path, "w");
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
    return;
  }
  const temporary = temporaryName(target.path);
  pending.add(temporary);
  underWay++;
  try {
    const handle = await open(temporary, "wx", 0o666);
    try {
      going();
      await handle.writeFile(data);
      going();
      await handle.sync();
    } finally {
      await handle.close();
    }
    going();
    // A report replacing an older one keeps that one's permissions.
    if (target.mode !== undefined) await chmod(temporary, target.mode);
    going();
    await rename(temporary, target.path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  } finally {
    pending.delete(temporary);
    underWay--;
    if (stopped !== undefined && underWay === 0) stopped();
  }
}
