import type { InputIo } from "../input/io.js";
import type { PathInfo } from "./disk.js";

export { UsageError } from "../input/errors.js";

/** What a command may do to the outside world. bin.ts binds it to the process; tests bind
 *  it to strings, so commands run in-process without spawning. */
export interface CliIo extends InputIo {
  stdout(text: string): void;
  /** The whole text of a file (the cluster description); given `maxBytes`, at most that
   *  much and a little more, so that the caller can tell that the file is too large. */
  readFile(path: string, maxBytes?: number): Promise<string>;
  /** Size of a file in bytes, when known (not for stdin). */
  sizeOf?(path: string): Promise<number | undefined>;
  /** Write a whole file (the HTML report). */
  writeFile?(path: string, text: string): Promise<void>;
  /** Write a whole binary file (the pcapng capture). */
  writeBytes?(path: string, bytes: Uint8Array): Promise<void>;
  /** What is at `path` on disk, to check an output path before the work starts. */
  inspectPath?(path: string): Promise<PathInfo>;
  /** Standard error is a terminal: progress may be shown there. */
  stderrIsTTY?: boolean;
  /** Standard output is a terminal: colour may be used there (see colour.ts). */
  stdoutIsTTY?: boolean;
  /** The terminal's width in columns, when standard output is one: tables fit into it. */
  columns?: number;
  /** The environment variables the CLI reads (NO_COLOR, FORCE_COLOR, GITHUB_STEP_SUMMARY). */
  env?: Record<string, string | undefined>;
  /** The current folder, where the search for a configuration file starts; without it
   *  no configuration file is searched for. */
  cwd?: string;
  /** Run a program with its arguments (no shell), killed after `timeoutMs`: `capture`'s vppctl. */
  run?(program: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string; code: number }>;
  /** Append to a file (GitHub's step summary). */
  appendFile?(path: string, text: string): Promise<void>;
}
