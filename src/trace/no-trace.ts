/**
 * Errors about an input as a whole: binary data handed to the library as text, and an input
 * that held no packet — quoting what it starts with, wherever that is.
 */
import type { Diagnostic } from "../model/trace.js";

/** A NUL byte: no `show trace` text holds one, so the input is binary data (a string handed
 *  to the library; the CLI judges bytes before they become text, see input/decode.ts).
 *  U+FFFD is a character like any other here: valid text may hold it. */
export function findUnreadable(text: string, file: string, firstLine = 1): Diagnostic | null {
  const at = text.indexOf("\u0000");
  if (at === -1) return null;
  const { line, column } = position(text, at);
  return { severity: "error", file, line: line + firstLine - 1, column, message: "not a VPP trace: found a NUL byte, expected `show trace` text" };
}

/** What the start of an input that held no trace looks like. */
export interface InputHead {
  /** The input from its first character that is not blank (up to a few KB), or "". */
  text: string;
  /** Where that character is. */
  line: number;
  column: number;
  /** Whether the input had any character at all. */
  any: boolean;
}

/** The error for an input that held no packet: what it starts with, or that VPP said its
 *  trace buffer was empty (`noPacketsLine`). */
export function noTraceFound(head: InputHead, file: string, noPacketsLine: number | null = null): Diagnostic {
  if (noPacketsLine !== null) {
    return { severity: "error", file, line: noPacketsLine, column: 1, message: "no packets in the trace: VPP printed 'No packets in trace buffer' (was `trace add` run before the traffic?)" };
  }
  if (head.text === "") return { severity: "error", file, line: 1, column: 1, message: `no VPP trace in the input: it is ${head.any ? "blank" : "empty"}` };
  const found = head.text.split(/\r?\n/, 1)[0].slice(0, 40);
  return {
    severity: "error",
    file,
    line: head.line,
    column: head.column,
    message: `no VPP trace in the input: expected a record header such as '01:48:51:256986: virtio-input', found '${found}'`,
  };
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
