/**
 * The failures of reading an input that the user can act on: one line naming the file, never
 * a stack trace. The CLI turns a UsageError into that line and exit 2; the library throws it.
 */

/** A failure the user caused (bad option, unreadable file, no trace): one line, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** What an I/O error code means, in words (Node's own messages name syscalls). */
const IO_ERRORS: Record<string, string> = { ENOENT: "no such file", EISDIR: "it is a directory", EACCES: "permission denied", EPERM: "permission denied", ENOTDIR: "a part of the path is not a directory" };

/** Why a file could not be read, in words. */
export const ioReason = (error: unknown): string => IO_ERRORS[(error as NodeJS.ErrnoException).code ?? ""] ?? (error as Error).message;

export function cannotRead(file: string, error: unknown): UsageError {
  return new UsageError(`${file}:1:1: error: cannot read input: ${ioReason(error)}`);
}
