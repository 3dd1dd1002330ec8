/**
 * Whether `show trace` cut the capture at its display limit. VPP shows at most `max`
 * packets per thread (50 unless `show trace max N`), and says so in one line that is easy to
 * miss: `Limiting display to 50 packets. To display more specify max.` — up to 21.01 once
 * before the whole output, from 21.06 also glued to the end of the cut thread's section. A
 * thread that shows exactly the limit was cut (with the line) or may have been (without it:
 * an excerpt may have lost the line printed once at the top). Either way a warning says so
 * and gives the command to re-run.
 */
import type { Diagnostic } from "../model/trace.js";

/** `show trace`'s default `max`. */
export const DEFAULT_DISPLAY_LIMIT = 50;

interface ThreadCount {
  name: string;
  line: number;
  packets: number;
}

/** A display limit to suggest instead: well above what was shown. */
const rerun = (limit: number): string => `vppctl show trace max ${Math.max(1000, limit * 10)}`;

export class DisplayLimit {
  private readonly threads = new Map<string, ThreadCount>();
  private current: ThreadCount = { name: "", line: 1, packets: 0 };
  private limit: { max: number; line: number } | undefined;

  /** A thread banner (or the packets before any). */
  thread(index: number | null, name: string, line: number): void {
    const key = index === null ? name : String(index);
    this.current = this.threads.get(key) ?? { name: index === null ? name : `thread ${index} ${name}`, line, packets: 0 };
    this.threads.set(key, this.current);
  }

  packet(): void {
    if (this.threads.size === 0) this.thread(null, "the capture", 1);
    this.current.packets++;
  }

  limitLine(max: number, line: number): void {
    this.limit ??= { max, line };
  }

  warnings(file: string): Diagnostic[] {
    const max = this.limit?.max ?? DEFAULT_DISPLAY_LIMIT;
    return [...this.threads.values()]
      .filter((t) => t.packets === max)
      .map((t) => {
        const why =
          this.limit === undefined
            ? `exactly ${max} packets, VPP's default display limit, and no 'Limiting display' line says whether more were captured (VPP up to 21.01 prints it once, above the output): the capture may have been cut`
            : `${max} packets, the display limit VPP reported at line ${this.limit.line}: the capture was cut`;
        return { severity: "warning", file, line: this.limit?.line ?? t.line, column: 1, message: `${t.name} shows ${why}; re-run \`${rerun(max)}\` to see every packet traced` };
      });
  }
}
