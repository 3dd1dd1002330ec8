/** What a command may do to the outside world. bin.ts binds it to the process; tests bind
 *  it to strings, so commands run in-process without spawning. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  readFile(path: string): Promise<string>;
}

/** A failure the user caused (bad option, unreadable file, no trace): one line, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
