/**
 * Where a streamed input may be cut: the lines at which a packet starts (`Packet N`, a
 * thread banner, or — without `Packet N` framing — a device input node's header or the
 * caption above it). The cut finder sees every line of the input, hostile ones included (a
 * line of 200,000 dashes, a 40 MB line), so it works with indexOf and character tests only:
 * no regular expression here can backtrack, and each line costs time linear in its length.
 */
import { DEVICE_INPUT_NODES } from "./decoders/index.js";

const deviceInputs = new Set(DEVICE_INPUT_NODES);

/** Characters the cut finder examined: tests use it to prove the scan linear. */
export interface ScanCount {
  chars: number;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** `marker` somewhere in `text`, followed by digits and a space (`--- Start of thread 0 `). */
function hasNumberedMarker(text: string, marker: string): boolean {
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
    let end = at + marker.length;
    while (isDigit(text.charCodeAt(end))) end++;
    if (end > at + marker.length && text.charCodeAt(end) === 32) return true;
  }
  return false;
}

/** `Packet N`, or a thread banner anywhere in the line (VPP ≥ 21.06 glues the `Limiting
 *  display` warning in front of it; a logger may prefix a timestamp). */
export function isFramingLine(line: string): boolean {
  const text = line.trimStart();
  if (text.startsWith("Packet ") && isDigit(text.charCodeAt(7))) return true;
  return hasNumberedMarker(text, "--- Start of thread ") || hasNumberedMarker(text, "--- Thread ");
}

/** `01:48:51:256986: virtio-input`: a timestamp (one word ending in `:`), then a device
 *  input node and nothing else. */
export function isDeviceInputHeader(line: string): boolean {
  const text = line.trim();
  const separator = text.indexOf(": ");
  if (separator <= 0) return false;
  for (let i = 0; i < separator; i++) if (/\s/.test(text[i])) return false;
  return deviceInputs.has(text.slice(separator + 2));
}

/** A caption's underline: three or more dashes and nothing else. */
function isCaptionRule(line: string): boolean {
  const text = line.trim();
  if (text.length < 3) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== 45) return false;
  return true;
}

/** Whether `text` has `Packet N` framing (a line starting with `Packet ` and a digit). */
export function hasPacketFraming(text: string): boolean {
  for (let at = text.indexOf("Packet "); at !== -1; at = text.indexOf("Packet ", at + 1)) {
    if ((at === 0 || text.charCodeAt(at - 1) === 10) && isDigit(text.charCodeAt(at + 7))) return true;
  }
  return false;
}

/** Start of the last line in `text` at which a packet starts, or -1. With `Packet N`
 *  framing (in `text`, or seen earlier in the input: `framed`) only framing lines start
 *  packets. Lines starting before `from` are known to start none (scanned already). */
export function lastPacketStart(text: string, framed = hasPacketFraming(text), from = 0, count?: ScanCount): number {
  for (let end = text.length; end > 0; ) {
    // (lastIndexOf reads a negative position as 0: a first line that is empty would loop.)
    const start = end < 2 ? 0 : text.lastIndexOf("\n", end - 2) + 1;
    if (start < from) return -1;
    if (count !== undefined) count.chars += end - start;
    if (start === 0) return -1;
    const line = text.slice(start, end);
    if (isFramingLine(line)) return start;
    if (!framed && isDeviceInputHeader(line)) return captionAbove(text, start);
    end = start;
  }
  return -1;
}

/** A device input header right under a caption (`SYN:` over dashes) starts at the caption. */
function captionAbove(text: string, start: number): number {
  const ruleStart = text.lastIndexOf("\n", start - 2) + 1;
  if (ruleStart === 0 || !isCaptionRule(text.slice(ruleStart, start))) return start;
  const captionStart = text.lastIndexOf("\n", ruleStart - 2) + 1;
  return captionStart === 0 ? -1 : captionStart;
}

/** A record header in any timestamp form, `Packet N` or a thread banner at a line's start:
 *  the input holds a trace. Linear: every alternative but the indentation is bounded, and
 *  indentation runs are scanned once each (only after a line break or at the start). */
const TRACE_START =
  /(?:^|\n)[ \t]*(?:(?:\d{1,2}:\d\d:\d\d:\d{6}|\d{9,11}\.\d{6}|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}): \S|Packet \d)|--- (?:Start of thread|Thread) \d/;

/** Whether `text` (the last partial line before, then a chunk) shows that a trace started. */
export const showsTraceStart = (text: string): boolean => TRACE_START.test(text);
