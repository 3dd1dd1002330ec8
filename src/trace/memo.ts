/**
 * What a line decodes to, remembered by its text: trace lines repeat — the same interface,
 * adjacency, NAT verdict on every packet of a flow — so most are read once. Two generations
 * of a bounded size approximate least-recently-used; keys are own copies (see own.ts), and
 * values must hold nothing of the parsed piece either.
 */
import { own } from "../model/own.js";

export class LineMemo<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();

  constructor(private readonly generation: number) {}

  get(text: string): V | undefined {
    const found = this.current.get(text);
    if (found !== undefined) return found;
    const older = this.previous.get(text);
    if (older !== undefined) this.set(text, older);
    return older;
  }

  set(text: string, value: V): void {
    if (this.current.size >= this.generation) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(own(text), value);
  }
}
