/**
 * What a line decodes to, remembered by its text: trace lines repeat — the same interface,
 * adjacency, NAT verdict on every packet of a flow — so most are read once. Two generations
 * of a bounded size approximate least-recently-used; keys are own copies (see own.ts), and
 * values must hold nothing of the parsed piece either.
 *
 * Some lines never repeat (an ACL's 5-tuple line names the client's port): a memo whose
 * recent lookups mostly missed stops remembering for a while, so it costs neither time nor
 * memory there, then tries again.
 */
import { own } from "../model/own.js";

/** A window in which fewer than this share of lookups hit turns remembering off. */
const WORTH_IT = 0.25;
/** Windows to go without remembering before trying again. */
const REST = 16;

export class LineMemo<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  private lookups = 0;
  private hits = 0;
  private resting = 0;

  constructor(private readonly generation: number) {}

  get(text: string): V | undefined {
    if (++this.lookups >= this.generation) this.judgeWindow();
    if (this.resting > 0) return undefined;
    let found = this.current.get(text);
    if (found === undefined) {
      found = this.previous.get(text);
      if (found !== undefined) this.set(text, found);
    }
    if (found !== undefined) this.hits++;
    return found;
  }

  /** The value remembered for `text`, else `compute`d from an own copy of it (so that the
   *  value holds nothing of the parsed piece) and remembered. */
  through(text: string, compute: (owned: string) => V): V {
    let value = this.get(text);
    if (value === undefined) {
      value = compute(own(text));
      this.set(text, value);
    }
    return value;
  }

  set(text: string, value: V): void {
    if (this.resting > 0) return;
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(own(text), value);
  }

  private judgeWindow(): void {
    if (this.resting > 0) this.resting--;
    else if (this.hits < this.lookups * WORTH_IT) {
      this.resting = REST;
      this.current = new Map();
      this.previous = new Map();
    }
    this.lookups = 0;
    this.hits = 0;
  }
}
