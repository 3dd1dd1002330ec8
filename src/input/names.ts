/**
 * The inputs named on the command line, as the files to read: none means standard input; a
 * directory means the regular files directly inside it, sorted by name — not subdirectories,
 * and not files whose name starts with a dot (`.gitkeep`), so `check traces/` reads what
 * `check traces/*` would. The cluster description is never read as a trace, even when the
 * directory holds it.
 */
import type { Diagnostic } from "../model/trace.js";
import { UsageError } from "./errors.js";
import type { InputIo } from "./io.js";

export interface NameOptions {
  /** The cluster description (`--cluster`), left out of a directory's files. */
  cluster?: string;
  /** An empty directory is skipped with a warning rather than an error. */
  allowEmpty?: boolean;
}

/** The inputs named on the command line; none means standard input. */
export const inputNames = (files: string[]): string[] => (files.length === 0 ? ["-"] : files);

export async function expandInputs(files: string[], io: InputIo, options: NameOptions = {}, show: (d: Diagnostic) => void = () => undefined): Promise<string[]> {
  const where = (path: string): string => io.diskPath?.(path) ?? path;
  const cluster = options.cluster === undefined ? undefined : where(options.cluster);
  const names: string[] = [];
  for (const name of inputNames(files)) {
    const inside = name === "-" ? undefined : await io.listDirectory?.(name);
    if (inside === undefined) {
      names.push(name);
      continue;
    }
    const traces = inside.filter((file) => where(file) !== cluster);
    if (traces.length === 0) {
      const diagnostic: Diagnostic = { severity: "error", file: name, line: 1, column: 1, message: "the directory holds no file to read (only regular files directly inside it are read)" };
      if (!options.allowEmpty) throw new UsageError(`${name}:1:1: error: ${diagnostic.message}; --allow-empty skips it`);
      show({ ...diagnostic, severity: "warning", message: `input skipped (--allow-empty): ${diagnostic.message}` });
    }
    names.push(...traces);
  }
  return names;
}
