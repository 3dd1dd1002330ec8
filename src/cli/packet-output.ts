/** The per-packet text of the streamed `parse` formats, shared by the serial path and the
 *  parse workers. Each starts with the packet's index, the only part that depends on the
 *  inputs before it (see renumberLines). */
import type { Packet } from "../model/trace.js";
import { renderPacketText } from "../report/parse-text.js";

export type StreamedFormat = "ndjson" | "text";

export function packetOutput(format: StreamedFormat, packet: Packet): string {
  return format === "ndjson" ? `${JSON.stringify(packet)}\n` : `${renderPacketText(packet)}\n`;
}


/** Streamed output (whole lines) with the packets' indexes moved on by `offset`: every
 *  NDJSON line is a packet (`{"index":7,…`); in text, a packet's heading (`[7] label …`) is
 *  the only line that starts with `[`. Lines are split at LF only: a regular expression's
 *  `^` under the `m` flag also matches after U+2028 and U+2029, which trace text may hold (in
 *  a caption, a node name) and which JSON leaves unescaped. */
export function renumberLines(text: string, offset: number, format: StreamedFormat): string {
  if (offset === 0) return text;
  const prefix = format === "ndjson" ? '{"index":' : "[";
  let out = "";
  let copied = 0;
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf("\n", start);
    if (text.startsWith(prefix, start)) {
      const from = start + prefix.length;
      let to = from;
      while (to < text.length && text.charCodeAt(to) >= 48 && text.charCodeAt(to) <= 57) to++;
      if (to > from && (format === "ndjson" || text.charCodeAt(to) === 93)) {
        out += `${text.slice(copied, from)}${Number(text.slice(from, to)) + offset}`;
        copied = to;
      }
    }
    if (end === -1) break;
    start = end + 1;
  }
  return out + text.slice(copied);
}
