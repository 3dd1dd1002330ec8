/**
 * One input's bookkeeping, shared by the serial reader and the parse workers, and the
 * judgement of each input once read: warnings wait until the input proves to be a trace,
 * errors decide whether the run goes on.
 */
import type { Diagnostic, Packet } from "../model/trace.js";
import { UsageError } from "./errors.js";

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

/**
 * One input's bookkeeping, shared by the serial reader and the parse workers: warnings wait
 * until the input proves to be a trace (a README gets one line, not one per line), errors
 * are collected for the caller to judge, packets are cut at `room()`.
 */
export class InputTake {
  readonly errors: Diagnostic[] = [];
  private held: Diagnostic[] | null = [];
  /** Packets handed on so far. */
  packets = 0;
  /** Set when `room()` cut a batch short. */
  limited = false;

  constructor(
    private readonly show: (d: Diagnostic) => void,
    private readonly onPackets: (packets: Packet[]) => void,
    private readonly room: () => number = () => Infinity,
  ) {}

  take(batch: { packets: Packet[]; diagnostics: Diagnostic[] }): void {
    for (const d of batch.diagnostics) (d.severity === "error" ? this.errors.push(d) : this.held === null ? this.show(d) : this.held.push(d));
    let packets = batch.packets;
    const room = this.room();
    if (packets.length > room) {
      packets = packets.slice(0, Math.max(room, 0));
      this.limited = true;
    }
    if (packets.length > 0) {
      if (this.held !== null) this.held.forEach(this.show);
      this.held = null;
      this.packets += packets.length;
      this.onPackets(packets);
    }
  }

  /** No packet came out of the input: it may be no trace at all. */
  get sawNoPacket(): boolean {
    return this.held !== null;
  }
}

/** Judges each input once it is read: one that yielded no packet and has an error holds no
 *  trace (empty, a README, a capture, binary data) and is skipped with a warning under
 *  --allow-empty; any other error — or any error without --allow-empty — stops the run. */
export class InputVerdicts {
  constructor(
    private readonly count: number,
    private readonly show: (d: Diagnostic) => void,
    private readonly allowEmpty = false,
  ) {}

  judge(errors: Diagnostic[], sawNoPacket: boolean): void {
    if (errors.length === 0) return;
    const error = errors[0];
    if (sawNoPacket && this.allowEmpty) this.show({ ...error, severity: "warning", message: `input skipped (--allow-empty): ${error.message}` });
    else if (sawNoPacket && this.count > 1) throw new UsageError(`${formatDiagnostic(error)} (--allow-empty skips inputs that hold no trace)`);
    else throw new UsageError(formatDiagnostic(error));
  }
}

