/** The per-packet text of the streamed `parse` formats, shared by the serial path and the
 *  parse workers. Each starts with the packet's index, the only part that depends on the
 *  inputs before it (see renumber). */
import type { Packet } from "../model/trace.js";
import { renderPacketText } from "../report/parse-text.js";

export type StreamedFormat = "ndjson" | "text";

export function packetOutput(format: StreamedFormat, packet: Packet): string {
  return format === "ndjson" ? `${JSON.stringify(packet)}\n` : `${renderPacketText(packet)}\n`;
}

/** The same output with the index moved on by `offset`: the first number in the text is the
 *  index in both formats (`{"index":7,…` and `[7] label …`). */
export function renumber(output: string, offset: number): string {
  if (offset === 0) return output;
  const match = /\d+/.exec(output);
  if (match === null) return output;
  return `${output.slice(0, match.index)}${Number(match[0]) + offset}${output.slice(match.index + match[0].length)}`;
}

/** Renumbers whole lines of streamed output: every NDJSON line is a packet; in text, a
 *  packet's heading is the only line that starts with `[`. */
export function renumberLines(text: string, offset: number, format: StreamedFormat): string {
  if (offset === 0) return text;
  if (format === "ndjson") return text.replace(/^\{"index":(\d+)/gm, (_, n: string) => `{"index":${Number(n) + offset}`);
  return text.replace(/^\[(\d+)\]/gm, (_, n: string) => `[${Number(n) + offset}]`);
}
