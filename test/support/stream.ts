/**
 * A text fed to the streaming reader in chunks: by default as the CLI feeds a file, in 64 KB
 * chunks, pieces parsed as packets complete.
 */
import type { ParsedTrace } from "../../src/model/trace.js";
import { TraceReader } from "../../src/trace/index.js";

export interface Feeding {
  file?: string;
  /** Characters per push. */
  chunk?: number;
  /** Characters after which the reader parses a piece. */
  segmentSize?: number;
}

/** What came out of the reader, and how many characters it examined looking for cuts. */
export function pushInChunks(text: string, { file = "f", chunk = 1 << 16, segmentSize }: Feeding = {}): { parsed: ParsedTrace; scanned: number } {
  const reader = new TraceReader(segmentSize === undefined ? { file } : { file, segmentSize });
  const parsed: ParsedTrace = { packets: [], diagnostics: [] };
  const take = (r: ParsedTrace): void => {
    parsed.packets.push(...r.packets);
    parsed.diagnostics.push(...r.diagnostics);
  };
  for (let at = 0; at < text.length; at += chunk) take(reader.push(text.slice(at, at + chunk)));
  take(reader.end());
  return { parsed, scanned: reader.scanned.chars };
}
