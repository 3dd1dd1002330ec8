/**
 * `diff --format json` as the diffs come: byte for byte `JSON.stringify(result, null, 2)`,
 * without the whole result ever being held (see parse-json.ts for why indenting each part
 * line by line is safe).
 */
import type { DiffResult, PacketDiff } from "../model/diff.js";
import { nestedJson } from "./parse-json.js";

export class DiffJsonWriter {
  private opened = false;

  constructor(private readonly write: (text: string) => void) {}

  packet(diff: PacketDiff): void {
    this.write(`${this.opened ? ",\n" : '{\n  "packets": [\n'}    ${nestedJson(diff, "    ")}`);
    this.opened = true;
  }

  end(masked: string[], summary: DiffResult["summary"]): void {
    this.write(`${this.opened ? "\n  ],\n" : '{\n  "packets": [],\n'}  "masked": ${nestedJson(masked, "  ")},\n  "summary": ${nestedJson(summary, "  ")}\n}\n`);
  }
}
