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
import { Assembler, findUnreadable, keepsRaw, noTraceFound, type ParseOptions } from "./assemble.js";
import { DEVICE_INPUT_NODES } from "./decoders/index.js";

export interface StreamOptions extends ParseOptions {
  /** Parse once this much text is pending (characters). */
  segmentSize?: number;
}

const PACKET_START = /^(?:Packet \d+|.*-{3,} Start of thread \d+ |.*-{3} Thread \d+ )/;
const DEVICE_INPUT_HEADER = new RegExp(`^\\s*\\S+: (?:${DEVICE_INPUT_NODES.join("|")})\\s*$`);
const CAPTION_RULE = /^\s*-{3,}\s*$/;

const FRAMED = /(?:^|\n)Packet \d/;

/** Start of the last line in `text` at which a packet starts, or -1. With `Packet N`
 *  framing (in `text`, or seen earlier in the input: `framed`) only framing lines start
 *  packets. Lines starting before `from` are known to start none (scanned already). */
export function lastPacketStart(text: string, framed = FRAMED.test(text), from = 0): number {
  for (let end = text.length; end > 0; ) {
    const start = text.lastIndexOf("\n", end - 2) + 1;
    if (start < from) return -1;
    const line = text.slice(start, end).trimEnd();
    if (start > 0 && PACKET_START.test(line.trimStart())) return start;
    if (start > 0 && !framed && DEVICE_INPUT_HEADER.test(line)) return captionAbove(text, start);
    if (start === 0) return -1;
    end = start;
  }
  return -1;
}

/** A device input header right under a caption (`SYN:` over dashes) starts at the caption. */
function captionAbove(text: string, start: number): number {
  const ruleStart = text.lastIndexOf("\n", start - 2) + 1;
  if (ruleStart === 0 || !CAPTION_RULE.test(text.slice(ruleStart, start))) return start;
  const captionStart = text.lastIndexOf("\n", ruleStart - 2) + 1;
  return captionStart === 0 ? -1 : captionStart;
}

export class TraceReader {
  private readonly assembler: Assembler;
  private readonly file: string;
  private readonly segmentSize: number;
  private readonly keepRaw: boolean;
  private pending = "";
  private nextLine = 1;
  private head = "";
  private sawPacket = false;
  private stopped = false;
  private fixes = new Set<string>();
  /** Pending length at which to look for a cut again (no cut found below it). */
  private searchAt: number;
  /** Lines of `pending` that start before this offset start no packet. */
  private scannedTo = 0;

  /** The input has `Packet N` framing: then no other line starts a packet. */
  private framed = false;

  constructor(options: StreamOptions = {}) {
    this.file = options.file ?? "-";
    // Small pieces keep each piece's tokens short-lived, which the garbage collector
    // handles far faster than tokens that outlive a scavenge.
    this.segmentSize = options.segmentSize ?? 1 << 16;
    this.searchAt = this.segmentSize;
    this.keepRaw = keepsRaw(options);
    this.assembler = new Assembler(this.file, options.firstIndex ?? 1, options.fieldsOnly, this.keepRaw);
  }

  push(chunk: string): ParsedTrace {
    if (this.stopped) return { packets: [], diagnostics: [] };
    if (this.head.length < 4096) this.head += own(chunk.slice(0, 4096 - this.head.length));
    // A `Packet N` line may straddle the previous chunk's end (the \u0001 keeps `^` off a
    // line's middle).
    this.framed ||= FRAMED.test(this.pending.length <= 16 ? this.pending + chunk : `\u0001${this.pending.slice(-16)}${chunk}`);
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
    if (!this.stopped && this.pending.length > 0) this.parsePiece(this.pending);
    this.pending = "";
    const result = this.stopped ? this.assembler.drain() : this.assembler.finish();
    this.sawPacket ||= result.packets.some((p) => p.records.length > 0);
    if (this.fixes.size > 0) result.diagnostics.unshift({ severity: "info", file: this.file, line: 1, column: 1, message: `input normalised: ${[...this.fixes].join(", ")}` });
    if (!this.sawPacket && !result.diagnostics.some((d) => d.severity === "error")) result.diagnostics.push(noTraceFound(this.head, this.file));
    return result;
  }

  /** A packet start near the segment size, else the last one pending, else none (-1). */
  private nextCut(): number {
    if (this.pending.length > this.segmentSize && this.scannedTo === 0) {
      const cut = lastPacketStart(this.pending.slice(0, this.segmentSize), this.framed);
      if (cut > 0) return cut;
    }
    return lastPacketStart(this.pending, this.framed, this.scannedTo);
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
    return result;
  }
}

/** Parse one `show trace` text (a whole dump or one packet's text). Never throws. */
export function parseTrace(text: string, options: ParseOptions = {}): ParsedTrace {
  const reader = new TraceReader({ ...options, segmentSize: Infinity });
  const first = reader.push(text);
  const last = reader.end();
  return { packets: [...first.packets, ...last.packets], diagnostics: [...first.diagnostics, ...last.diagnostics] };
}
