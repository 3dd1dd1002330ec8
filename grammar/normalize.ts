/**
 * Input normalisation before lexing. Traces reach us from terminals, tickets and chat:
 * CRLF or lone CR line ends, a UTF-8 BOM, ANSI colour codes from `vppctl`. Each fix keeps
 * the line count unchanged so diagnostics still point at the user's line numbers.
 */

// CSI sequences (colours, cursor moves) and OSC titles; both are what terminals emit.
const ANSI = /\u001b\[[0-9;?]*[ -\/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export interface NormalizedText {
  text: string;
  /** Which fixes were applied, for a warning diagnostic. */
  fixes: string[];
}

export function normalizeTraceText(input: string): NormalizedText {
  const fixes: string[] = [];
  let text = input;
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    fixes.push("UTF-8 byte order mark removed");
  }
  if (text.includes("\r")) {
    text = text.replace(/\r\n?/g, "\n");
    fixes.push("CR line ends converted");
  }
  if (text.includes("\u001b")) {
    text = text.replace(ANSI, "");
    fixes.push("ANSI escape sequences removed");
  }
  if (text.length > 0 && !text.endsWith("\n")) text += "\n";
  const unwrapped = rejoinWrappedLines(text);
  if (unwrapped !== text) {
    text = unwrapped;
    fixes.push("lines wrapped at 80 columns re-joined");
  }
  return { text, fixes };
}

/** A terminal wraps at 80 columns: an indented body line of exactly 80 characters followed
 *  by a line at column 0 that is no header, banner or `Packet N` is one line cut in two. The
 *  continuation moves up and leaves an empty line, so line numbers stay the user's. */
const NOT_A_CONTINUATION = /[\s\d#`]|Packet \d|-{3}|Limiting |No packets |vpp#|DBGvpp#/y;

export function rejoinWrappedLines(text: string): string {
  let out = "";
  let copied = 0;
  // The first line is never a candidate (nothing above it was cut), nor the line after a
  // re-joined pair (its line break went to the pair).
  for (let start = text.indexOf("\n") + 1, end = text.indexOf("\n", start); end !== -1; start = end + 1, end = text.indexOf("\n", start)) {
    if (end - start !== 80 || (text.charCodeAt(start) !== 32 && text.charCodeAt(start) !== 9)) continue;
    const nextEnd = text.indexOf("\n", end + 1);
    NOT_A_CONTINUATION.lastIndex = end + 1;
    if (nextEnd === -1 || nextEnd === end + 1 || NOT_A_CONTINUATION.test(text)) continue;
    out += `${text.slice(copied, end)}${text.slice(end + 1, nextEnd)}\n`;
    copied = nextEnd;
    end = text.indexOf("\n", nextEnd + 1);
    if (end === -1) break;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
