/**
 * `parse --format json` as it streams: byte for byte the document
 * `JSON.stringify({ packets, diagnostics }, null, 2)` gives, written a batch of packets at a
 * time, so that a trace of any size is never one string (a 150 MB trace made a 1.9 GB one).
 * Indenting a packet's own JSON is safe line by line: JSON strings hold no raw line break.
 */
import type { Diagnostic, Packet } from "../model/trace.js";

/** `value`'s JSON as it reads nested at `indent` in a document indented by two spaces. */
export const nestedJson = (value: unknown, indent: string): string => JSON.stringify(value, null, 2).replaceAll("\n", `\n${indent}`);

export class ParseJsonWriter {
  private opened = false;

  constructor(private readonly write: (text: string) => void) {}

  /** One write per packet: concatenating a batch first costs more than the writes. */
  packets(packets: Packet[]): void {
    for (const packet of packets) {
      this.write(`${this.opened ? ",\n" : '{\n  "packets": [\n'}    ${nestedJson(packet, "    ")}`);
      this.opened = true;
    }
  }

  /** The end of the document, which carries the warnings of the whole run. */
  end(diagnostics: Diagnostic[]): void {
    this.write(`${this.opened ? "\n  ],\n" : '{\n  "packets": [],\n'}  "diagnostics": ${nestedJson(diagnostics, "  ")}\n}\n`);
  }
}
