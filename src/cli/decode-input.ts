/**
 * The bytes of an input → text for the trace reader, judged as they pass. The first KB says
 * what the input is: gzip is decompressed on the fly (`vppctl show trace | gzip > t.txt.gz`),
 * UTF-16 with a byte order mark is decoded, and captures, archives, images and executables
 * are refused with one line that says what the file is. Every chunk is then checked: a NUL
 * byte means binary data; a few byte sequences that are not UTF-8 (a Latin-1 comment) are
 * read as U+FFFD with a warning, more than MAX_INVALID_UTF8 mean binary data. The cost is a
 * native scan per chunk, so refusing garbage takes time linear in what was read — and only
 * the first KB of a capture or of random bytes is read.
 */
import { isUtf8 } from "node:buffer";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";

/** Bytes looked at to tell what an input is. */
export const SNIFF_BYTES = 1024;
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

/** Text of an input given as bytes. Throws NotTraceText; stops early when the consumer
 *  does (the source is then closed). */
export async function* decodeInput(source: AsyncIterable<Uint8Array>, limit: DecodeLimit = {}): AsyncGenerator<TextPart> {
  const input = source[Symbol.asyncIterator]();
  const opened: Readable[] = [];
  try {
    let { head, rest } = await sniffHead(input);
    let what = sniff(head);
    if (what.kind === "gzip") {
      const compressed = Readable.from(join(head, rest));
      const gunzip = compressed.pipe(createGunzip());
      opened.push(compressed, gunzip);
      ({ head, rest } = await sniffHead(gunzipped(gunzip)[Symbol.asyncIterator]()));
      what = sniff(head);
    }
    if (what.kind === "gzip") what = refused("a gzip file inside a gzip file", "decompress it first");
    if (what.kind === "refused") throw new NotTraceText(what.message, "start");
    const bytes = limitBytes(join(head, rest), limit);
    yield* what.kind === "text" ? utf8Text(bytes, limit) : utf16Text(bytes, what.kind, limit);
  } finally {
    for (const stream of opened) stream.destroy();
    await input.return?.(undefined);
  }
}

/** What the first bytes of an input say it is. */
export type Sniffed = { kind: "text" } | { kind: "gzip" } | { kind: "utf-16le" } | { kind: "utf-16be" } | { kind: "refused"; message: string };

const refused = (what: string, advice: string): { kind: "refused"; message: string } => ({ kind: "refused", message: `the input is ${what}, not \`show trace\` text; ${advice}` });
const PCAP = "vpptrace reads the text `vppctl show trace` prints (a pcap is what `pcap trace` or tcpdump write: open it with tcpdump or Wireshark)";
const ARCHIVE = "extract the trace first (vpptrace reads gzip itself)";
const NOT_A_TRACE = "vpptrace reads the text `vppctl show trace` prints";

/** Magic numbers at the start of a file, and what they mean. */
const MAGIC: [number[], Sniffed][] = [
  [[0x1f, 0x8b], { kind: "gzip" }],
  [[0xef, 0xbb, 0xbf], { kind: "text" }], // UTF-8 byte order mark (normalisation removes it)
  [[0xff, 0xfe], { kind: "utf-16le" }],
  [[0xfe, 0xff], { kind: "utf-16be" }],
  [[0xd4, 0xc3, 0xb2, 0xa1], refused("a pcap capture", PCAP)],
  [[0xa1, 0xb2, 0xc3, 0xd4], refused("a pcap capture", PCAP)],
  [[0x4d, 0x3c, 0xb2, 0xa1], refused("a pcap capture", PCAP)],
  [[0xa1, 0xb2, 0x3c, 0x4d], refused("a pcap capture", PCAP)],
  [[0x0a, 0x0d, 0x0d, 0x0a], refused("a pcapng capture", PCAP)],
  [[0x50, 0x4b, 0x03, 0x04], refused("a zip archive", ARCHIVE)],
  [[0x50, 0x4b, 0x05, 0x06], refused("an empty zip archive", ARCHIVE)],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], refused("an xz-compressed file", ARCHIVE)],
  [[0x42, 0x5a, 0x68], refused("a bzip2-compressed file", ARCHIVE)],
  [[0x28, 0xb5, 0x2f, 0xfd], refused("a zstd-compressed file", ARCHIVE)],
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], refused("a PNG image", NOT_A_TRACE)],
  [[0xff, 0xd8, 0xff], refused("a JPEG image", NOT_A_TRACE)],
  [[0x47, 0x49, 0x46, 0x38], refused("a GIF image", NOT_A_TRACE)],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], refused("a PDF document", NOT_A_TRACE)],
  [[0x7f, 0x45, 0x4c, 0x46], refused("an executable (ELF)", NOT_A_TRACE)],
];

export function sniff(head: Uint8Array): Sniffed {
  for (const [magic, what] of MAGIC) if (magic.every((b, i) => head[i] === b)) return what;
  const utf16 = utf16WithoutMark(head);
  if (utf16 !== undefined) return refused(`UTF-16${utf16} text without a byte order mark`, `convert it to UTF-8 (iconv -f UTF-16${utf16} -t UTF-8)`);
  return { kind: "text" };
}

/** ASCII text in UTF-16 has a NUL in every other byte: "LE" or "BE" when most do. */
function utf16WithoutMark(head: Uint8Array): "LE" | "BE" | undefined {
  const pairs = head.length >> 1;
  if (pairs < 8) return undefined;
  let nulOdd = 0;
  let nulEven = 0;
  for (let i = 0; i < 2 * pairs; i += 2) {
    if (head[i] === 0 && head[i + 1] !== 0) nulEven++;
    if (head[i + 1] === 0 && head[i] !== 0) nulOdd++;
  }
  return nulOdd >= pairs * 0.9 ? "LE" : nulEven >= pairs * 0.9 ? "BE" : undefined;
}

/** At least SNIFF_BYTES from the start (fewer only at the end), and the iterator of the rest. */
async function sniffHead(rest: AsyncIterator<Uint8Array>): Promise<{ head: Buffer; rest: AsyncIterator<Uint8Array> }> {
  const parts: Uint8Array[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const next = await rest.next();
    if (next.done) break;
    parts.push(next.value);
    length += next.value.length;
  }
  return { head: Buffer.concat(parts), rest };
}

/** The head again, then the rest of the iterator (which whoever opened it closes). */
async function* join(head: Buffer, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (head.length > 0) yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

async function* gunzipped(stream: Readable): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    throw new NotTraceText(`the input is a damaged gzip file (${(error as Error).message})`, "here");
  }
}

/** The bytes up to `maxBytes` (the text decoders drop a character it cuts in two). */
async function* limitBytes(source: AsyncIterable<Uint8Array>, limit: DecodeLimit): AsyncGenerator<Buffer> {
  let room = limit.maxBytes ?? Infinity;
  for await (const chunk of source) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (bytes.length <= room) {
      room -= bytes.length;
      yield bytes;
      continue;
    }
    limit.limited = true;
    yield bytes.subarray(0, room);
    return;
  }
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

async function* utf8Text(source: AsyncIterable<Buffer>, limit: DecodeLimit): AsyncGenerator<TextPart> {
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

async function* utf16Text(source: AsyncIterable<Buffer>, encoding: "utf-16le" | "utf-16be", limit: DecodeLimit): AsyncGenerator<TextPart> {
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
