import type { PathInfo } from "./disk.js";

/** What a command may do to the outside world. bin.ts binds it to the process; tests bind
 *  it to strings, so commands run in-process without spawning. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves once standard output has taken what was written (at once when it has, or when
   *  it is gone): streamed outputs wait on it, so a slow reader (`| less`, a pipe to a slow
   *  consumer) slows the reading instead of filling memory with output. */
  drained?(): Promise<void>;
  /** The whole text of a file (the cluster description); given `maxBytes`, at most that
   *  much and a little more, so that the caller can tell that the file is too large. */
  readFile(path: string, maxBytes?: number): Promise<string>;
  /** A trace as it is on disk, in chunks of bytes; `-` is standard input. The CLI judges
   *  the bytes itself (gzip, UTF-16, binary data: see decode-input.ts). */
  readBytes?(path: string): AsyncIterable<Uint8Array>;
  /** A trace as text chunks, for callers that have text rather than bytes (tests, embedders):
   *  used when readBytes is absent, read as UTF-8 bytes of that text. */
  readStream?(path: string): AsyncIterable<string>;
  /** The regular files directly inside `path`, sorted by name, leaving out those whose name
   *  starts with a dot, when `path` is a directory; undefined when it is not (or does not
   *  exist: reading it then says so). */
  listDirectory?(path: string): Promise<string[] | undefined>;
  /** Where a worker thread can open the input named `path` on disk (`--jobs`); absent
   *  when inputs do not come from disk. */
  diskPath?(path: string): string;
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
  /** Append to a file (GitHub's step summary). */
  appendFile?(path: string, text: string): Promise<void>;
}

/** A failure the user caused (bad option, unreadable file, no trace): one line, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
