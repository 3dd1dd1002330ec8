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
 *  the only line that starts with `[`. */
export function renumberLines(text: string, offset: number, format: StreamedFormat): string {
  if (offset === 0) return text;
  if (format === "ndjson") return text.replace(/^\{"index":(\d+)/gm, (_, n: string) => `{"index":${Number(n) + offset}`);
  return text.replace(/^\[(\d+)\]/gm, (_, n: string) => `[${Number(n) + offset}]`);
}
