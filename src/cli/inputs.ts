/**
 * The CLI's side of reading traces (src/input reads them): the limits' option parsers, and
 * `--filter` compiled into the selector the reader applies — its grammar and, for a verdict
 * term, the rules load only when there is a filter.
 */
import type { Packet } from "../model/trace.js";
import { readPackets as readAll, streamPackets as streamAll, type ReadOptions } from "../input/index.js";
import { UsageError, type CliIo } from "./io.js";

export { diagnosticShower, expandInputs, inputNames, type ReadOptions } from "../input/index.js";

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

async function withSelector(io: CliIo, options: ReadOptions): Promise<ReadOptions> {
  if (options.filter === undefined) return options;
  return { ...options, select: await (await import("./filter-option.js")).packetSelector(options, io) };
}

/** Every input's packets to `onPackets`, as the command's options and `--filter` ask. */
export async function streamPackets(files: string[], io: CliIo, options: ReadOptions, onPackets: (packets: Packet[]) => void): Promise<void> {
  await streamAll(files, io, await withSelector(io, options), onPackets);
}

/** All packets of the inputs, for the commands that need them together (diff, report). */
export async function readPackets(files: string[], io: CliIo, options: ReadOptions): Promise<Packet[]> {
  return readAll(files, io, await withSelector(io, options));
}
