/**
 * Reading the traces named on the command line — files, directories of them, `-` for stdin,
 * stdin when none — as streams: packets come out in batches as soon as they are complete, so
 * memory stays flat whatever the input's size. An input that holds no trace (empty, a README,
 * a capture) stops the command with exit 2, even among several: a CI gate must not pass what
 * it did not read. --allow-empty skips such inputs with a warning instead.
 */
import type { Diagnostic, FieldName, Packet } from "../model/trace.js";
import { TraceReader } from "../trace/index.js";
import { expandInputs } from "./input-names.js";
import { inputBytes, NON_TRACE_PREFIX, readInput, type Stop } from "./read-input.js";
import { UsageError, type CliIo } from "./io.js";
import type { Progress } from "./progress.js";

export { expandInputs, inputNames } from "./input-names.js";
export { cannotRead, NON_TRACE_PREFIX, readInput } from "./read-input.js";

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

export interface ReadOptions {
  quiet?: boolean;
  verbose?: boolean;
  progress?: Progress;
  /** Receives every warning and info, for outputs that carry them (JSON). */
  diagnostics?: Diagnostic[];
  /** Stop after this many packets / bytes of input, so a runaway capture cannot exhaust memory. */
  maxPackets?: number;
  maxBytes?: number;
  /** Decode only these record fields, and keep no raw lines (see ParseOptions.fields); with
   *  a filter, which reads others (and may check packets itself), all fields. */
  fields?: readonly FieldName[];
  /** false: records without their raw lines (see ParseOptions.keepRaw). */
  keepRaw?: boolean;
  /** Skip inputs that hold no trace, with a warning, instead of failing (--allow-empty). */
  allowEmpty?: boolean;
  /** The cluster description, never read as a trace when a directory holds it (and the
   *  one `--filter` checks packets on). */
  cluster?: string;
  /** Inputs read already, by name: a capture file's trace with its state's lines blanked. */
  texts?: ReadonlyMap<string, string>;
  /** `--filter`: only the packets it selects are handed on. */
  filter?: string;
  /** false (`--no-join`): the halves of a packet handed to another worker stay apart. */
  join?: boolean;
}

/** `--max-bytes 500MB`: a size with an optional KB/MB/GB suffix. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(KB|MB|GB|K|M|G)?B?$/i.exec(text.trim());
  if (m === null) throw new UsageError(`'${text}' is not a size: expected e.g. 500MB or 2GB`);
  const unit = { K: 1e3, M: 1e6, G: 1e9 }[(m[2] ?? "").charAt(0).toUpperCase() as "K" | "M" | "G"] ?? 1;
  return Math.floor(Number(m[1]) * unit);
}

/** `--max-packets N`: 1 or more (0 would read nothing and pass as "0 packets"). */
export function parseCount(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`'${text}' is not a number of packets: expected 1 or more`);
  return Number(text);
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

/** Prints a diagnostic as the options ask, and hands it to JSON outputs. */
export function diagnosticShower(io: CliIo, options: ReadOptions): (d: Diagnostic) => void {
  return (d) => {
    options.diagnostics?.push(d);
    if (!options.quiet && (d.severity === "warning" || (d.severity === "info" && options.verbose))) io.stderr(`${formatDiagnostic(d)}\n`);
  };
}

/**
 * Stream the packets of every input to `onPackets`, printing warnings as they come. Throws
 * a UsageError (exit 2) for an unreadable input or when no input holds a trace.
 */
export async function streamPackets(files: string[], io: CliIo, options: ReadOptions, onPacketsRead: (packets: Packet[]) => void): Promise<void> {
  // The filter's grammar and, for a verdict term, the rules load only when there is a filter.
  const select = options.filter === undefined ? undefined : await (await import("./filter-option.js")).packetSelector(options, io);
  const onPackets =
    select === undefined
      ? onPacketsRead
      : (packets: Packet[]): void => {
          const kept = select(packets);
          if (kept.length > 0) onPacketsRead(kept);
        };
  const show = diagnosticShower(io, options);
  const names = await expandInputs(files, io, options, show);
  const verdicts = new InputVerdicts(names.length, show, options.allowEmpty);
  let firstIndex = 1;
  let bytes = 0;
  let stop: Stop;
  for (const file of names) {
    if (stop !== undefined) break;
    const reader = new TraceReader({ file, firstIndex, fields: options.filter === undefined ? options.fields : undefined, keepRaw: options.fields === undefined ? options.keepRaw : false, join: options.join });
    const input: InputTake = new InputTake(show, onPackets, () => (options.maxPackets ?? Infinity) - (firstIndex - 1 + input.packets));
    const budget = { maxBytes: (options.maxBytes ?? Infinity) - bytes, nonTracePrefix: options.maxBytes ?? NON_TRACE_PREFIX, advance: (n: number) => options.progress?.advance(n, 0), drained: async () => io.drained?.() };
    const given = options.texts?.get(file);
    const read = await readInput(given === undefined ? inputBytes(io, file) : textBytes(given), file, reader, input, budget);
    bytes += read.bytes;
    stop = read.stop;
    input.take(reader.end());
    if (input.limited) stop ??= "packets";
    firstIndex += input.packets;
    verdicts.judge(input.errors, input.sawNoPacket);
  }
  if (stop === "bytes") io.stderr(`vpptrace: stopped after ${options.maxBytes} bytes of input (--max-bytes): the rest was not read, the last packet may be cut short\n`);
  if (stop === "packets") io.stderr(`vpptrace: stopped after ${options.maxPackets} packets (--max-packets): the rest of the input was not read\n`);
}

async function* textBytes(text: string): AsyncIterable<Uint8Array> {
  yield Buffer.from(text, "utf8");
}

/** All packets of the inputs, for the commands that need them together (diff). */
export async function readPackets(files: string[], io: CliIo, options: ReadOptions): Promise<Packet[]> {
  const packets: Packet[] = [];
  await streamPackets(files, io, options, (batch) => packets.push(...batch));
  return packets;
}
