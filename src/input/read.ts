/**
 * One input read into its trace reader: bytes decoded and judged (decode.ts), text
 * pushed, packets handed on, within the byte budget and the bound on text before a trace.
 * Shared by the serial reader and the parse workers.
 */
import type { TraceReader } from "../trace/index.js";
import { decodeInput, NotTraceText, type DecodeLimit } from "./decode.js";
import { cannotRead, UsageError } from "./errors.js";
import type { InputIo } from "./io.js";
import type { InputTake } from "./take.js";

/** How much text before the first record header (or `Packet N`, or a thread banner) an input
 *  may hold before it is judged not to be a trace, unless --max-bytes says otherwise: no real
 *  preamble (a prompt, a README paragraph) comes near it, and an endless stream with no trace
 *  (`yes | vpptrace parse`, `/dev/zero` gzipped) stops there. */
export const NON_TRACE_PREFIX = 8_000_000;

/** What the bytes of an input are, read from the I/O: as bytes when it has them, else
 *  the UTF-8 bytes of its text. */
export async function* inputBytes(io: InputIo, file: string): AsyncIterable<Uint8Array> {
  if (io.readBytes !== undefined) yield* io.readBytes(file);
  else if (io.readStream !== undefined) for await (const text of io.readStream(file)) yield Buffer.from(text, "utf8");
  else throw new Error("this I/O cannot read inputs");
}

export interface InputBudget {
  /** Bytes of input left (--max-bytes across all inputs). */
  maxBytes: number;
  /** Bytes of non-trace text an input may start with. */
  nonTracePrefix: number;
  /** Told the bytes read, as they are (progress). */
  advance?: (bytes: number) => void;
  /** Waited on after each chunk: the output has taken what the chunk's packets wrote. */
  drained?: () => Promise<void>;
}

/** Why reading stopped early: the byte or packet limit. */
export type Stop = "bytes" | "packets" | undefined;

/**
 * Reads one input into its reader and its take: bytes decoded (decode.ts), text
 * pushed, packets handed on. Input that is not trace text ends as an error diagnostic in the
 * take, at its line and column; an input that cannot be read at all throws a UsageError.
 * Returns the bytes read and whether a limit stopped it.
 */
export async function readInput(bytes: AsyncIterable<Uint8Array>, file: string, reader: TraceReader, input: InputTake, budget: InputBudget): Promise<{ bytes: number; stop: Stop }> {
  const limit: DecodeLimit = { maxBytes: budget.maxBytes };
  let read = 0;
  let firstInvalid: { line: number; column: number } | undefined;
  const fail = (at: { line: number; column: number }, message: string): void => {
    reader.brokenOff = true;
    input.take({ packets: [], diagnostics: [{ severity: "error", file, ...at, message }] });
  };
  try {
    for await (const part of decodeInput(bytes, limit)) {
      if ("firstInvalidUtf8" in part) firstInvalid = reader.position();
      else if ("invalidUtf8" in part) {
        const message = `${part.invalidUtf8} byte sequence${part.invalidUtf8 === 1 ? " that is" : "s that are"} not UTF-8 read as U+FFFD (the first here)`;
        input.take({ packets: [], diagnostics: [{ severity: "warning", file, ...firstInvalid!, message }] });
      } else {
        read += part.bytes;
        input.take(reader.push(part.text));
        budget.advance?.(part.bytes);
        await budget.drained?.();
        if (input.limited) return { bytes: read, stop: "packets" };
        if (!reader.sawTraceStart && read > budget.nonTracePrefix) {
          input.take(reader.abandon(`stopped reading after ${sizeText(budget.nonTracePrefix)} without one (--max-bytes sets how much is read)`));
          return { bytes: read, stop: undefined };
        }
      }
    }
  } catch (error) {
    if (error instanceof NotTraceText) fail(error.at === "start" ? { line: 1, column: 1 } : error.at === "first-invalid" ? (firstInvalid ?? reader.position()) : reader.position(), error.message);
    else if (error instanceof UsageError) throw error;
    else throw cannotRead(file, error);
  }
  return { bytes: read, stop: limit.limited === true ? "bytes" : undefined };
}

const sizeText = (bytes: number): string => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${bytes} bytes`);
