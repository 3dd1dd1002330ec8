/**
 * The bytes of an input → text for the trace reader. The first KB says what the input is
 * (sniff.ts): gzip is decompressed on the fly (`vppctl show trace | gzip > t.txt.gz`), UTF-16
 * with a byte order mark is decoded, and captures, archives, images and executables are
 * refused with one line that says what the file is; the text is then judged as it passes
 * (text.ts). Only the first KB of a capture or of random bytes is read.
 */
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { NotTraceText, utf16Text, utf8Text, type DecodeLimit, type TextPart } from "./text.js";
import { refused, sniff, SNIFF_BYTES } from "./sniff.js";

export { MAX_INVALID_UTF8, NotTraceText, firstInvalidByte, type DecodeLimit, type TextPart } from "./text.js";
export { sniff, SNIFF_BYTES, type Sniffed } from "./sniff.js";

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
