/**
 * Syntax items → packets. Framing decides where a packet starts: a thread banner,
 * `Packet N`, a caption; without `Packet N` framing (the guide's excerpts), a record of a
 * device input node after other records. Every line ends up in a record or a diagnostic.
 * The assembler keeps its state between the pieces of a streamed input (stream.ts).
 */
import type { TopItem } from "../../grammar/index.js";
import type { Diagnostic, FieldName, Packet, PacketThread, ParsedTrace } from "../model/trace.js";
import { DEVICE_INPUT_NODES } from "./decoders/index.js";
import { decodeRecord, notTraceText, type RecordSource } from "./decode.js";
import { quote } from "../model/quote.js";
import { CollapsedDiagnostics } from "./problems.js";
import { ownName } from "../model/own.js";
import { splitSharedHeader } from "./split.js";
import { DisplayLimit } from "./display-limit.js";

export { findUnreadable, noTraceFound, type InputHead } from "./no-trace.js";

export interface ParseOptions {
  /** Name used in packets and diagnostics; `-` for stdin. */
  file?: string;
  /** Index given to the first packet, so several inputs number their packets in one run. */
  firstIndex?: number;
  /** Records carry only these of their fields, and not their raw lines: what a reader says
   *  it reads (`check`: what its rules and its placing of packets read), parsed faster.
   *  Every line is still read, so that one that cannot be is reported. All when absent. */
  fields?: readonly FieldName[];
  /** false: records carry no raw lines (`diff`, which compares fields, holds a whole side). */
  keepRaw?: boolean;
  /** false: the two halves of a packet handed to another worker stay two packets
   *  (joined by default: src/trace/handoff.ts). */
  join?: boolean;
}

/** Whether records keep their raw lines under these options. */
export const keepsRaw = (options: ParseOptions): boolean => options.keepRaw !== false && options.fields === undefined;

const deviceInputs = new Set(DEVICE_INPUT_NODES);
/** Lines skipped outside any record that get a warning each; the rest are counted. */
const MAX_SKIPPED_SHOWN = 1000;

/** The longest node name read whole (VPP's are under 64 characters; interface output nodes
 *  carry an interface name, still far below this). */
export const MAX_NODE_NAME = 256;

/** Body prefixes that name their node, used when a trace lost its first header line. */
const NODE_BY_BODY_PREFIX: Record<string, string> = {
  virtio: "virtio-input",
  af_packet: "af-packet-input",
  memif: "memif-input",
  tapcli: "tapcli-rx",
  "acl-plugin": "acl-plugin-in-ip4-fa",
  NAT44_OUT2IN: "nat44-out2in",
};

export class Assembler {
  private packets: Packet[] = [];
  private diagnostics: Diagnostic[] = [];
  private emitted = 0;
  private thread: PacketThread | null = null;
  private framed = false;
  private current: Packet | null = null;
  private caption: { text: string; line: number } | null = null;
  private ordinal = 0;
  private headerless: RecordSource | null = null;
  /** Lines skipped outside any record so far. */
  private skipped = 0;
  /** Where VPP printed `No packets in trace buffer`, if it did. */
  noPacketsLine: number | null = null;
  /** Packets per thread against VPP's display limit. */
  private readonly displayLimit = new DisplayLimit();

  /** The fields to decode; all when undefined (ParseOptions.fields). */
  private readonly wanted: ReadonlySet<FieldName> | undefined;

  constructor(
    private readonly file: string,
    private readonly firstIndex: number,
    fields?: readonly FieldName[],
    private readonly keepRaw = fields === undefined,
  ) {
    this.wanted = fields === undefined ? undefined : new Set(fields);
  }

  add(item: TopItem): void {
    if (item.kind !== "stray") this.flushHeaderless();
    switch (item.kind) {
      case "thread": {
        this.close();
        const index = this.exactNumber(item.index, item, "thread", "the packets after it are not attributed to a thread");
        const name = this.boundedName(item.name, "thread name", item);
        this.thread = index === undefined ? null : { index, name };
        this.displayLimit.thread(index ?? null, name, item.line);
        return;
      }
      case "packet":
        this.close();
        this.framed = true;
        this.start(item.line, item.number, this.exactNumber(item.number, item, "Packet", "it is kept as printed in the packet's label only") ?? null);
        return;
      case "caption":
        this.close();
        this.dropCaption();
        this.caption = { text: this.boundedName(item.text, "caption", item), line: item.line };
        return;
      case "no-packets":
        this.close();
        this.noPacketsLine ??= item.line;
        return;
      case "path":
      case "path-summary":
        this.close();
        return;
      case "limit":
        this.close();
        this.note("info", item.line, item.column, `VPP showed only ${item.max} packets per thread; use \`show trace max N\` to see more`);
        this.displayLimit.limitLine(Number(item.max), item.line);
        return;
      case "record":
        this.addRecord(item);
        return;
      case "stray":
        this.addStray(item);
        return;
    }
  }

  /** The packets completed so far, and the diagnostics: handed over and forgotten. */
  drain(): ParsedTrace {
    const drained = { packets: this.packets, diagnostics: this.diagnostics };
    this.emitted += this.packets.length;
    this.packets = [];
    this.diagnostics = [];
    return drained;
  }

  finish(): ParsedTrace {
    this.flushHeaderless();
    this.close();
    this.dropCaption();
    if (this.skipped > MAX_SKIPPED_SHOWN) this.note("warning", 1, 1, `skipped ${this.skipped - MAX_SKIPPED_SHOWN} more lines outside any record, not each shown (${MAX_SKIPPED_SHOWN} are)`);
    this.diagnostics.push(...this.displayLimit.warnings(this.file));
    return this.drain();
  }

  /** A caption that no record follows labels nothing: say so rather than lose it. */
  private dropCaption(): void {
    if (this.caption === null) return;
    this.note("warning", this.caption.line, 1, `caption ${quote(this.caption.text)} is followed by no node record: expected a record header after its dashed line`);
    this.caption = null;
  }

  note(severity: Diagnostic["severity"], line: number, column: number, message: string): void {
    this.diagnostics.push({ severity, file: this.file, line, column, message });
  }

  private addRecord(item: Extract<TopItem, { kind: "record" }>): void {
    const { header } = item;
    const startsPacket = !this.framed && deviceInputs.has(header.node) && (this.current?.records.length ?? 0) > 0;
    if (startsPacket) this.close();
    if (this.current === null) this.start(header.line, null, null);
    const diagnostics = new CollapsedDiagnostics(this.diagnostics);
    const notes = { diagnostics, unreadable: 0 };
    const node = this.boundedNodeName(header, notes);
    const entries = splitSharedHeader(item.lines);
    entries.forEach((lines, entry) => {
      // Entries after the first share the header: they start at their own first line, and
      // their lines are the header's and their own (`from` to `end` in the record's).
      const line = entry === 0 ? header.line : lines[0].line;
      const from = entry === 0 ? 0 : line - header.line;
      const end = entry + 1 < entries.length ? entries[entry + 1][0].line - header.line : item.lineCount;
      const lineCount = entry === 0 ? end : end - from + 1;
      const raw = entries.length === 1 || item.raw.length === 0 ? item.raw : entry === 0 ? item.raw.slice(0, end) : [item.raw[0], ...item.raw.slice(from, end)];
      // One shared copy per node name: every later lookup by name (decoders, rules, the
      // matcher's alignments) then hashes it once, and no record pins its piece by its name.
      const source = { node: ownName(node), time: header.time, line, column: header.column, raw, lineCount, lines };
      const record = decodeRecord(source, this.file, notes, this.wanted);
      if (entry === 0 && header.rest !== undefined) this.keepHeaderRest(record, header.rest, header.restColumn!);
      this.current!.records.push(record);
    });
    diagnostics.finish();
    // A line that could not be read leaves its packet incomplete; other warnings (a long
    // body, a prompt pasted inside) do not.
    if (notes.unreadable > 0) this.current!.incomplete = true;
  }

  /** Text after the node name on a header line: no VPP release prints any, so it is kept on
   *  the record, not decoded, and said. The line stays a header: as a body line, its record
   *  would have merged silently into the one before. */
  private keepHeaderRest(record: Packet["records"][number], rest: string, column: number): void {
    record.headerRest = rest;
    this.note("warning", record.line, column, `${record.node}: text after the node name on its header line, kept as the record's headerRest, not decoded: ${quote(rest)}`);
  }

  /** A node name as long as no VPP node's (they are under 64 characters): cut, with a
   *  warning, and the packet incomplete — a 10 MB name would otherwise be copied into every
   *  message, finding and output line about the record. */
  private boundedNodeName(header: { node: string; time: string; line: number; column: number }, notes: { unreadable: number }): string {
    if (header.node.length <= MAX_NODE_NAME) return header.node;
    // Where the name was cut: after the time, `: ` and the characters read.
    const column = header.column + header.time.length + 2 + MAX_NODE_NAME;
    this.note("warning", header.line, column, `a node name of ${header.node.length} characters, longer than any VPP node's (at most ${MAX_NODE_NAME} read): cut to ${quote(header.node, 40)}`);
    notes.unreadable++;
    return `${header.node.slice(0, MAX_NODE_NAME)}…`;
  }

  /** A caption or thread name as long as no real one: cut, with a warning — it labels every
   *  packet after it, and would be copied into each message and output line about them. */
  private boundedName(text: string, what: string, at: { line: number }): string {
    if (text.length <= MAX_NODE_NAME) return text;
    this.note("warning", at.line, 1, `a ${what} of ${text.length} characters, longer than any a capture holds (at most ${MAX_NODE_NAME} read): cut to ${quote(text, 40)}`);
    return `${text.slice(0, MAX_NODE_NAME)}…`;
  }

  /** Lines outside any record: the body of a record whose header was lost, or text around
   *  the trace (a prompt, a tracepath summary) that is skipped with a warning. */
  private addStray(item: Extract<TopItem, { kind: "stray" }>): void {
    const first = item.line;
    // A prompt, a code fence or an elision reads the same wherever it stands (decode.ts).
    const aside = notTraceText(first);
    if (aside !== null && this.headerless === null) {
      this.note("warning", first.line, first.column, aside.message);
      if (aside.elided && this.current !== null) this.current.incomplete = true;
      return;
    }
    if (this.headerless !== null) {
      this.headerless.lines.push(first);
      this.headerless.raw.push(...item.raw);
      this.headerless.lineCount += item.raw.length;
      return;
    }
    if (first.token === "BlankLine") return;
    const prefix = /^([\w-]+):/.exec(first.text)?.[1];
    const inferred = prefix === undefined ? undefined : NODE_BY_BODY_PREFIX[prefix];
    if (inferred !== undefined && (this.current === null || this.current.records.length === 0)) {
      if (this.current === null) this.start(first.line, null, null);
      this.note("warning", first.line, first.column, `record header missing before ${quote(item.raw[0].trim())}; node taken to be ${inferred}`);
      this.headerless = { node: inferred, time: null, line: first.line, column: first.column, raw: [...item.raw], lineCount: item.raw.length, lines: [first], headerless: true };
      return;
    }
    item.raw.forEach((raw, i) => {
      // Past a thousand, the lines skipped are counted, not each warned about: megabytes of
      // text around a trace would otherwise cost a diagnostic per line (time and memory).
      if (++this.skipped > MAX_SKIPPED_SHOWN) return;
      const text = raw.trimStart();
      this.note("warning", first.line + i, raw.length - text.length + 1, `skipped ${quote(text)}: expected a record header such as '01:48:51:256986: virtio-input', or \`Packet N\``);
    });
    // Inside a `Packet N` frame, before its first record: a line of the packet left unread.
    if (this.current !== null && first.token !== "CommentLine") this.current.incomplete = true;
  }

  /** A headerless record collects stray lines until the next framing item or header. */
  private flushHeaderless(): void {
    if (this.headerless === null) return;
    if (!this.keepRaw) this.headerless.raw = [];
    // The header inferred is a warning of its own (addStray), not a line left unread: only
    // the body's lines can make the packet incomplete.
    const notes = { diagnostics: this.diagnostics, unreadable: 0 };
    this.current!.records.push(decodeRecord(this.headerless, this.file, notes, this.wanted));
    if (notes.unreadable > 0) this.current!.incomplete = true;
    this.headerless = null;
  }

  /** A number of a framing line, when a JavaScript number holds it exactly; else a warning
   *  at its digits saying what becomes of it (`instead`), and undefined: two packet numbers
   *  past 2^53 must not collide as one rounded number. */
  private exactNumber(digits: string, item: { line: number; column: number; raw: string }, what: string, instead: string): number | undefined {
    const value = Number(digits);
    if (Number.isSafeInteger(value)) return value;
    const column = item.raw.indexOf(digits, item.column - 1) + 1;
    this.note("warning", item.line, column, `${what} ${quote(digits, 40)}: a number larger than 2^53 − 1 cannot be held exactly; ${instead}`);
    return undefined;
  }

  /** A packet starts: `Packet N` (`digits` as printed, `number` when held exactly), or a
   *  record or caption without that framing. */
  private start(line: number, digits: string | null, number: number | null): void {
    this.ordinal++;
    this.displayLimit.packet();
    const label = this.caption?.text ?? (digits === null ? `#${this.ordinal}` : `Packet ${digits}`);
    this.current = {
      index: this.firstIndex + this.emitted + this.packets.length,
      file: this.file,
      thread: this.thread,
      number,
      label,
      line: this.caption?.line ?? line,
      records: [],
    };
    this.caption = null;
  }

  private close(): void {
    if (this.current === null) return;
    if (this.current.records.length === 0) this.note("warning", this.current.line, 1, `${this.current.label} has no node records: expected a record header such as '01:48:51:256986: virtio-input' after it`);
    this.packets.push(this.current);
    this.current = null;
  }
}
