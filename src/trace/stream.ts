/**
 * Reading a trace in pieces: text arrives in chunks of any size, is cut only where a packet
 * starts (`Packet N`, a thread banner, or — without that framing — a device input node's
 * header or the caption above it), and each piece is parsed as soon as it is complete, with
 * the assembler's state carried over. Memory holds one piece, whatever the input's size, and
 * the packets come out the same as from parsing the whole text at once.
 */
import { parseTraceSyntax } from "../../grammar/index.js";
import { own } from "../model/own.js";
import type { ParsedTrace } from "../model/trace.js";
import { Assembler, findUnreadable, keepsRaw, noTraceFound, type InputHead, type ParseOptions } from "./assemble.js";
import { hasPacketFraming, lastPacketStart, showsTraceStart, type ScanCount } from "./cut.js";
import { HANDOFF_FIELDS, HandoffJoiner } from "./handoff.js";

export { lastPacketStart } from "./cut.js";

export interface StreamOptions extends ParseOptions {
  /** Parse once this much text is pending (characters). */
  segmentSize?: number;
}

/** How much of the line a chunk ends in is kept to look for framing across chunk ends: a
 *  `Packet N` line or a record header straddling them (longer lines are no such line). */
const CARRY = 256;
/** Text with no trace start past this length is not lexed at its end (see end()). */
const NOT_WORTH_LEXING = 1 << 16;
/** How much of an input's start is kept to quote when it holds no trace. */
const HEAD = 4096;

export class TraceReader {
  private readonly assembler: Assembler;
  private readonly file: string;
  private readonly segmentSize: number;
  private readonly keepRaw: boolean;
  /** Joins hand-off halves (src/trace/handoff.ts), unless told not to. */
  private readonly joiner: HandoffJoiner | undefined;
  private pending = "";
  private nextLine = 1;
  /** The input's start, from its first character that is not blank, to quote in an error. */
  private readonly head: InputHead = { text: "", line: 1, column: 1, any: false };
  private sawPacket = false;
  private sawError = false;
  private stopped = false;
  private fixes = new Set<string>();
  /** Pending length at which to look for a cut again (no cut found below it). */
  private searchAt: number;
  /** Lines of `pending` that start before this offset start no packet. */
  private scannedTo = 0;

  /** The input has `Packet N` framing: then no other line starts a packet. */
  private framed = false;
  /** A record header, `Packet N` or a thread banner was seen: the input holds a trace. */
  private started = false;
  /** The end of the text pushed so far, from its last line's start (at most CARRY
   *  characters): kept apart from `pending`, since slicing a long concatenation flattens it,
   *  and doing that on every chunk made a long packet cost quadratic time. */
  private carry = "";
  /** Characters examined looking for cuts and framing (see ScanCount). */
  readonly scanned: ScanCount = { chars: 0 };

  constructor(options: StreamOptions = {}) {
    this.file = options.file ?? "-";
    // Small pieces keep each piece's tokens short-lived, which the garbage collector
    // handles far faster than tokens that outlive a scavenge (32 KB measured best: 64 KB
    // cost 7–14 % more CPU, 16 KB more again).
    this.segmentSize = options.segmentSize ?? 1 << 15;
    this.searchAt = this.segmentSize;
    this.keepRaw = keepsRaw(options);
    this.joiner = options.join === false ? undefined : new HandoffJoiner();
    const fields = options.fields === undefined || this.joiner === undefined ? options.fields : [...options.fields, ...HANDOFF_FIELDS];
    this.assembler = new Assembler(this.file, options.firstIndex ?? 1, fields, this.keepRaw);
  }

  push(chunk: string): ParsedTrace {
    if (this.stopped) return { packets: [], diagnostics: [] };
    this.keepHead(chunk);
    this.lookForFraming(chunk);
    this.pending += chunk;
    while (this.pending.length >= this.searchAt && !this.stopped) {
      const cut = this.nextCut();
      if (cut <= 0) {
        // One packet longer than a segment: look again once it has doubled, so that a
        // huge packet costs linear time, not one scan of it per chunk.
        this.searchAt = Math.max(this.pending.length + this.segmentSize, 2 * this.pending.length);
        this.scannedTo = this.pending.lastIndexOf("\n", this.pending.length - 2) + 1;
        break;
      }
      this.parsePiece(this.pending.slice(0, cut));
      this.pending = this.pending.slice(cut);
      this.searchAt = this.segmentSize;
      this.scannedTo = 0;
    }
    return this.collect();
  }

  end(): ParsedTrace {
    // More than a segment of text and not one record header, `Packet N` or banner in it: no
    // trace, and not worth lexing (a line of warning each for megabytes of prose).
    if (!this.started && this.pending.length > NOT_WORTH_LEXING) return this.abandon("no line of it starts a record or a packet");
    if (!this.stopped && this.pending.length > 0) {
      this.noteCutLastLine();
      this.parsePiece(this.pending);
    }
    this.pending = "";
    const result = this.stopped ? this.assembler.drain() : this.assembler.finish();
    this.sawPacket ||= result.packets.some((p) => p.records.length > 0);
    this.sawError ||= result.diagnostics.some((d) => d.severity === "error");
    if (this.fixes.size > 0) result.diagnostics.unshift({ severity: "info", file: this.file, line: 1, column: 1, message: `input normalised: ${[...this.fixes].join(", ")}` });
    if (!this.sawPacket && !this.sawError) result.diagnostics.push(noTraceFound(this.head, this.file, this.assembler.noPacketsLine));
    return this.joiner === undefined ? result : this.joiner.finish(result);
  }

  /** An input whose last line is a record's body line with no line break after it ends
   *  inside that record: the capture may have been cut there (a copy or a transfer stopped
   *  short). Said once; the record's lines are judged as ever, so a cut line or a line
   *  VPP always prints that is not there makes its packet incomplete. */
  private noteCutLastLine(): void {
    if (this.brokenOff) return;
    const last = this.pending.charCodeAt(this.pending.length - 1);
    if (last === 10 || last === 13 || !this.started) return;
    const lineStart = Math.max(this.pending.lastIndexOf("\n") + 1, this.pending.lastIndexOf("\r") + 1);
    const first = this.pending.charCodeAt(lineStart);
    if (first !== 32 && first !== 9) return;
    const at = this.position();
    this.assembler.note("warning", at.line, at.column, "the input ends inside a record, in the middle of a line (no line break after it): the capture may have been cut here");
  }

  /** The input's reader stopped at bytes that are not text (a NUL byte): its last line ends
   *  there, not where the capture ends, which its own error says. */
  brokenOff = false;

  /** Stops reading an input that showed no trace before a caller's bound: the pending
   *  text is dropped unparsed, and the one error quotes the input's start and says `why`. */
  abandon(why: string): ParsedTrace {
    this.stopped = true;
    this.pending = "";
    const found = noTraceFound(this.head, this.file);
    this.assembler.note("error", found.line, found.column, `${found.message}; ${why}`);
    return this.collect();
  }

  /** Line and column right after the text pushed so far, for a caller's diagnostic about
   *  what comes next (a NUL byte). Counts the pending text's lines: for errors only. */
  position(): { line: number; column: number } {
    const text = this.pending;
    let line = this.nextLine;
    let lineStart = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // Line ends as normalisation reads them: LF, CRLF, a lone CR.
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, column: text.length - lineStart + 1 };
  }

  /** Whether a record header, `Packet N` or a thread banner has been pushed: until then
   *  the input may be no trace at all, and a caller may stop reading it (--max-bytes). */
  get sawTraceStart(): boolean {
    return this.started;
  }

  /** The first 4 KB from the input's first character that is not blank, and where it is:
   *  blank lines before it are counted, however many. */
  private keepHead(chunk: string): void {
    const head = this.head;
    head.any ||= chunk.length > 0;
    if (head.text !== "") {
      if (head.text.length < HEAD) head.text += own(chunk.slice(0, HEAD - head.text.length));
      return;
    }
    const at = chunk.search(/\S/);
    const blank = at === -1 ? chunk : chunk.slice(0, at);
    const lastBreak = blank.lastIndexOf("\n");
    if (lastBreak === -1) head.column += blank.length;
    else {
      for (let i = blank.indexOf("\n"); i !== -1; i = blank.indexOf("\n", i + 1)) head.line++;
      head.column = blank.length - lastBreak;
    }
    if (at !== -1) head.text = own(chunk.slice(at, at + HEAD));
  }

  /** Looks at one chunk, with the line it continues, for the start of a trace and for
   *  `Packet N` framing: a line may straddle the previous chunk's end. */
  private lookForFraming(chunk: string): void {
    if (!this.started || !this.framed) {
      const text = this.carry + chunk;
      this.scanned.chars += text.length;
      this.started ||= showsTraceStart(text);
      this.framed ||= hasPacketFraming(text);
    }
    const lastLine = chunk.lastIndexOf("\n") + 1;
    const tail = lastLine > 0 ? chunk.slice(lastLine) : this.carry + chunk;
    // A line longer than CARRY is no framing line: the \u0001 keeps a cut-off line's end
    // from passing for a line start.
    this.carry = tail.length <= CARRY ? tail : `\u0001${tail.slice(-CARRY)}`;
  }

  /** A packet start near the segment size, else the last one pending, else none (-1). */
  private nextCut(): number {
    if (this.pending.length > this.segmentSize && this.scannedTo === 0) {
      const cut = lastPacketStart(this.pending.slice(0, this.segmentSize), this.framed, 0, this.scanned);
      if (cut > 0) return cut;
    }
    return lastPacketStart(this.pending, this.framed, this.scannedTo, this.scanned);
  }

  private parsePiece(text: string): void {
    const unreadable = findUnreadable(text, this.file, this.nextLine);
    if (unreadable !== null) {
      this.stopped = true;
      this.assembler.note(unreadable.severity, unreadable.line, unreadable.column, unreadable.message);
      return;
    }
    const syntax = parseTraceSyntax(text, this.nextLine, this.keepRaw);
    for (const fix of syntax.fixes) this.fixes.add(fix);
    for (const item of syntax.items) this.assembler.add(item);
    this.nextLine += syntax.lineCount;
  }

  private collect(): ParsedTrace {
    const result = this.assembler.drain();
    this.sawPacket ||= result.packets.some((p) => p.records.length > 0);
    this.sawError ||= result.diagnostics.some((d) => d.severity === "error");
    return this.joiner === undefined ? result : this.joiner.add(result);
  }
}

/** Parse one `show trace` text (a whole dump or one packet's text). Never throws. */
export function parseTrace(text: string, options: ParseOptions = {}): ParsedTrace {
  const reader = new TraceReader({ ...options, segmentSize: Infinity });
  const first = reader.push(text);
  const last = reader.end();
  return { packets: [...first.packets, ...last.packets], diagnostics: [...first.diagnostics, ...last.diagnostics] };
}
