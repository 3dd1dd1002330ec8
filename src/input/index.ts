/**
 * Reading traces — files, directories of them, `-` for stdin, stdin when none — as streams:
 * packets come out in batches as soon as they are complete, so memory stays flat whatever
 * the input's size. An input that holds no trace (empty, a README, a capture) stops the run
 * (UsageError; the CLI's exit 2), even among several: a CI gate must not pass what it did not
 * read. `allowEmpty` skips such inputs with a warning instead. The library API and the CLI
 * both read through here; `diskInputs()` reads this machine's files and stdin.
 */
import type { Diagnostic, FieldName, Packet } from "../model/trace.js";
import { TraceReader } from "../trace/index.js";
import type { InputIo } from "./io.js";
import { expandInputs } from "./names.js";
import { inputBytes, NON_TRACE_PREFIX, readInput, type Stop } from "./read.js";
import { formatDiagnostic, InputTake, InputVerdicts } from "./take.js";

export { diskInputs, listDirectory, readBounded, readBytes, READ_CHUNK_BYTES } from "./disk.js";
export { cannotRead, ioReason, UsageError } from "./errors.js";
export type { InputIo } from "./io.js";
export { expandInputs, inputNames } from "./names.js";
export { NON_TRACE_PREFIX, readInput } from "./read.js";
export { formatDiagnostic, InputTake, InputVerdicts } from "./take.js";

export interface ReadOptions {
  quiet?: boolean;
  verbose?: boolean;
  /** Told the bytes read as they are read (the CLI's progress line). */
  progress?: { advance(bytes: number, packets: number): void };
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
  /** `--filter`: only the packets `select` keeps are handed on (the filter reads every field). */
  filter?: string;
  /** Inputs read already, by name: a capture file's trace with its state's lines blanked. */
  texts?: ReadonlyMap<string, string>;
  select?: (packets: Packet[]) => Packet[];
  /** false (`--no-join`): the halves of a packet handed to another worker stay apart. */
  join?: boolean;
}

/** Prints a diagnostic as the options ask, and hands it to JSON outputs. */
export function diagnosticShower(io: InputIo, options: ReadOptions): (d: Diagnostic) => void {
  return (d) => {
    options.diagnostics?.push(d);
    if (!options.quiet && (d.severity === "warning" || (d.severity === "info" && options.verbose))) io.stderr(`${formatDiagnostic(d)}\n`);
  };
}

/**
 * Stream the packets of every input to `onPackets`, printing warnings as they come. Throws
 * a UsageError (exit 2) for an unreadable input or when no input holds a trace.
 */
export async function streamPackets(files: string[], io: InputIo, options: ReadOptions, onPacketsRead: (packets: Packet[]) => void): Promise<ReadCoverage> {
  const select = options.select;
  let selected = 0;
  const onPackets =
    select === undefined
      ? (packets: Packet[]): void => {
          selected += packets.length;
          onPacketsRead(packets);
        }
      : (packets: Packet[]): void => {
          const kept = select(packets);
          selected += kept.length;
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
    const reader = new TraceReader({ file, firstIndex, fields: select === undefined && options.filter === undefined ? options.fields : undefined, keepRaw: options.fields === undefined ? options.keepRaw : false, join: options.join });
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
  return { stop, selected };
}

/** What a read covered: whether a limit left input unread, and how many packets went on
 *  (after `--filter`) — what a gate needs to know it compared something. */
export interface ReadCoverage {
  stop: Stop;
  selected: number;
}

/** All packets of the inputs, for the commands that need them together (diff). */
export async function readPackets(files: string[], io: InputIo, options: ReadOptions): Promise<Packet[]> {
  const packets: Packet[] = [];
  await streamPackets(files, io, options, (batch) => packets.push(...batch));
  return packets;
}

async function* textBytes(text: string): AsyncIterable<Uint8Array> {
  yield Buffer.from(text, "utf8");
}
