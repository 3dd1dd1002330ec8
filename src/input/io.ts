/**
 * Where the bytes of inputs come from. The CLI's I/O (cli/io.ts) is one; the library's
 * default (disk.ts: files, directories, stdin) is another; tests bind it to strings.
 */

export interface InputIo {
  /** Warnings and the notes on limits. */
  stderr(text: string): void;
  /** Resolves once standard output has taken what was written (at once when it has, or when
   *  it is gone): streamed outputs wait on it, so a slow reader (`| less`, a pipe to a slow
   *  consumer) slows the reading instead of filling memory with output. */
  drained?(): Promise<void>;
  /** A trace as it is on disk, in chunks of bytes; `-` is standard input. The bytes are
   *  judged here (gzip, UTF-16, binary data: see decode.ts). */
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
}
