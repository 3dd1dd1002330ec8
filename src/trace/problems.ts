/**
 * A record's problems, one per kind — the shape and what was expected of it — with how many
 * more lines of the record had it: a record of a million identical garbled lines is one
 * warning with a count, and holds one problem, not a million (memory and stderr stay small).
 */
import type { Diagnostic } from "../model/trace.js";
import type { LineProblem } from "./ip-headers.js";

/** Where the readers of shapes report (`length`: every problem pushed, repeats included). */
export interface ProblemSink {
  push(problem: LineProblem): unknown;
  readonly length: number;
}

export class RecordProblems implements ProblemSink {
  private readonly byKind = new Map<string, { problem: LineProblem; more: number }>();
  private pushed = 0;

  push(problem: LineProblem): void {
    this.pushed++;
    const kind = `${problem.shape}\u0000${problem.expected}`;
    const seen = this.byKind.get(kind);
    if (seen === undefined) this.byKind.set(kind, { problem, more: 0 });
    else seen.more++;
  }

  get length(): number {
    return this.pushed;
  }

  /** Each kind's first problem, and how many more of that kind followed it. */
  kinds(): IterableIterator<{ problem: LineProblem; more: number }> {
    return this.byKind.values();
  }
}

/** ` (and 3 more lines like it in this record)`, or nothing. */
export const moreLikeIt = (more: number): string => (more === 0 ? "" : ` (and ${more} more line${more === 1 ? "" : "s"} like it in this record)`);

/** The warnings of one record header's entries: a message said again (the same garbled line
 *  in each of a header's entries) is counted on the first, not repeated. */
export class CollapsedDiagnostics {
  private readonly first = new Map<string, { diagnostic: Diagnostic; more: number }>();

  constructor(private readonly into: Diagnostic[]) {}

  push(diagnostic: Diagnostic): void {
    const key = `${diagnostic.severity}\u0000${diagnostic.message}`;
    const seen = this.first.get(key);
    if (seen !== undefined) {
      seen.more++;
      return;
    }
    this.first.set(key, { diagnostic, more: 0 });
    this.into.push(diagnostic);
  }

  finish(): void {
    for (const { diagnostic, more } of this.first.values()) if (more > 0) diagnostic.message += ` (and ${more} more like it under this record header)`;
  }
}
