/**
 * Inputs read twice: `report` learns every connection in a first pass and checks in a second
 * (a reply may come before its request), so that it never holds the parsed packets of the
 * whole input. A regular file is read from disk again; anything else — standard input, a
 * FIFO, an input a test hands over as text — is kept as the bytes the first pass read and
 * handed out again, so the second pass never waits on a stream that has ended.
 */
import type { CliIo } from "./io.js";
import { STDOUT } from "./output-option.js";

export interface TwoPasses {
  /** The first pass: reads as `io` does, says nothing on standard error. */
  first: CliIo;
  /** The second pass: the same bytes again. */
  second: CliIo;
}

async function* recorded(source: AsyncIterable<Uint8Array>, into: Uint8Array[]): AsyncIterable<Uint8Array> {
  for await (const chunk of source) {
    into.push(chunk);
    yield chunk;
  }
}

async function* replayed(chunks: Uint8Array[]): AsyncIterable<Uint8Array> {
  yield* chunks;
}

async function isRegularFile(io: CliIo, path: string): Promise<boolean> {
  if (path === STDOUT || io.inspectPath === undefined || io.readBytes === undefined) return false;
  return (await io.inspectPath(path).catch(() => undefined))?.kind === "file";
}

export function readTwice(io: CliIo): TwoPasses {
  const kept = new Map<string, Uint8Array[]>();
  const bytesOf = (path: string): AsyncIterable<Uint8Array> => {
    if (io.readBytes !== undefined) return io.readBytes(path);
    return (async function* () {
      for await (const text of io.readStream!(path)) yield Buffer.from(text, "utf8");
    })();
  };
  const firstRead = (path: string): AsyncIterable<Uint8Array> =>
    (async function* () {
      if (await isRegularFile(io, path)) return yield* bytesOf(path);
      const chunks: Uint8Array[] = [];
      kept.set(path, chunks);
      yield* recorded(bytesOf(path), chunks);
    })();
  const secondRead = (path: string): AsyncIterable<Uint8Array> => {
    const chunks = kept.get(path);
    return chunks === undefined ? bytesOf(path) : replayed(chunks);
  };
  const first: CliIo = { ...io, stderr: () => undefined, readBytes: firstRead, readStream: undefined };
  const second: CliIo = { ...io, readBytes: secondRead, readStream: undefined };
  return { first, second };
}
