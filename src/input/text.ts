/**
 * Bytes of a known encoding → text for the trace reader, judged as they pass: a NUL byte is
 * binary data; a few byte sequences that are not UTF-8 are read as U+FFFD, more than
 * MAX_INVALID_UTF8 are binary data. Native scans (Buffer.indexOf, buffer.isUtf8) do the work,
 * so judging costs time linear in what was read.
 */
import { isUtf8 } from "node:buffer";

/** More byte sequences that are not UTF-8 than this in one input: binary data, not text. */
export const MAX_INVALID_UTF8 = 16;

/** A piece of text and the bytes it came from; the mark that the text so far ends just
 *  before the input's first byte sequence that is not UTF-8; at the end, how many there were
 *  (when any: each was read as U+FFFD). */
export type TextPart = { text: string; bytes: number } | { firstInvalidUtf8: true } | { invalidUtf8: number };

/** Why an input is not `show trace` text; `at`: whether the problem sits where the text
 *  yielded so far ends (a NUL byte), at the first sequence that was not UTF-8, or at the
 *  start (what the whole file is). */
export class NotTraceText extends Error {
  constructor(
    message: string,
    readonly at: "here" | "first-invalid" | "start",
  ) {
    super(message);
    this.name = "NotTraceText";
  }
}

export interface DecodeLimit {
  /** Stop after this many bytes of text (after decompression)… */
  maxBytes?: number;
  /** …and say so here. */
  limited?: boolean;
}

/** Length of `data` without an incomplete UTF-8 sequence at its end. */
function completeLength(data: Buffer): number {
  for (let back = 1; back <= Math.min(3, data.length); back++) {
    const byte = data[data.length - back];
    if ((byte & 0xc0) !== 0x80) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return needed > back ? data.length - back : data.length;
    }
  }
  return data.length;
}

/** UTF-8 text, judged chunk by chunk; a character cut by a chunk's end waits for the next. */
export async function* utf8Text(source: AsyncIterable<Buffer>, limit: DecodeLimit): AsyncGenerator<TextPart> {
  const seen = { invalid: 0 };
  let carry: Buffer | undefined;
  for await (const chunk of source) {
    const data = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    const end = completeLength(data);
    carry = end < data.length ? Buffer.from(data.subarray(end)) : undefined;
    yield* checkedUtf8(data.subarray(0, end), seen);
  }
  // A sequence cut short by the end of the input is not UTF-8; one cut by the byte limit
  // was a whole character.
  if (carry !== undefined && limit.limited !== true) yield* checkedUtf8(carry, seen);
  if (seen.invalid > 0) yield { invalidUtf8: seen.invalid };
}

function* checkedUtf8(data: Buffer, seen: { invalid: number }): Generator<TextPart> {
  const nul = data.indexOf(0);
  const clean = nul === -1 ? data : data.subarray(0, nul);
  if (isUtf8(clean)) {
    if (clean.length > 0) yield { text: clean.toString("utf8"), bytes: clean.length };
  } else yield* withInvalidSequences(clean, seen);
  if (nul !== -1) throw new NotTraceText("the input is binary data (a NUL byte), not `show trace` text", "here");
}

/** A chunk holding byte sequences that are not UTF-8: read as U+FFFD, counted. */
function* withInvalidSequences(data: Buffer, seen: { invalid: number }): Generator<TextPart> {
  const first = seen.invalid === 0 ? firstInvalidByte(data) : -1;
  if (first > 0) yield { text: data.toString("utf8", 0, first), bytes: first };
  const rest = data.subarray(Math.max(first, 0));
  const text = rest.toString("utf8");
  seen.invalid += countReplacements(text) - countValidReplacementChars(rest);
  if (seen.invalid > MAX_INVALID_UTF8) {
    throw new NotTraceText(`the input is binary data (more than ${MAX_INVALID_UTF8} byte sequences that are not UTF-8, the first here), not \`show trace\` text`, "first-invalid");
  }
  if (first !== -1) yield { firstInvalidUtf8: true };
  yield { text, bytes: rest.length };
}

function countReplacements(text: string): number {
  let n = 0;
  for (let at = text.indexOf("\ufffd"); at !== -1; at = text.indexOf("\ufffd", at + 1)) n++;
  return n;
}

const REPLACEMENT_CHAR = Buffer.from("\ufffd");

/** U+FFFD written as valid UTF-8 in the input: text, not an error. */
function countValidReplacementChars(data: Buffer): number {
  let n = 0;
  for (let at = data.indexOf(REPLACEMENT_CHAR); at !== -1; at = data.indexOf(REPLACEMENT_CHAR, at + 3)) n++;
  return n;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (RFC 3629: no
 *  overlong forms, no surrogates, nothing past U+10FFFF), or -1. */
export function firstInvalidByte(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const length = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > b.length) return i;
    const second = b[i + 1];
    const low = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const high = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

/** UTF-16 text (after its byte order mark), decoded; a NUL character is binary data. */
export async function* utf16Text(source: AsyncIterable<Buffer>, encoding: "utf-16le" | "utf-16be", limit: DecodeLimit): AsyncGenerator<TextPart> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of source) {
    const text = decoder.decode(chunk, { stream: true });
    const nul = text.indexOf("\u0000");
    if (nul === -1) {
      yield { text, bytes: chunk.length };
      continue;
    }
    if (nul > 0) yield { text: text.slice(0, nul), bytes: 2 * nul };
    throw new NotTraceText("the input is binary data (a NUL character), not `show trace` text", "here");
  }
  // A code unit cut in two by the byte limit is dropped; by the end of the input, read as U+FFFD.
  const last = limit.limited === true ? "" : decoder.decode();
  if (last !== "") yield { text: last, bytes: 0 };
}
