/**
 * One record's syntax (header + body blocks) → a typed NodeRecord. Shared shapes are
 * decoded the same way for every node; free-text lines go to the node family's line rules
 * and, failing those, to the generic key/value decoder, so no printed value is lost. In a
 * known node's record, a line that cannot be read (garbled, out of place, not text) is a
 * warning at the column where reading stopped, and its fields are left out, not guessed.
 */
import type { SyntaxLine } from "../../grammar/index.js";
import type { Diagnostic, FieldName, KvValue, NodeRecord, RecordFields, TraceTime } from "../model/trace.js";
import { finishAcl } from "./decoders/acl.js";
import { decoderFor, type NodeDecoder } from "./decoders/index.js";
import type { LineContext } from "./decoders/types.js";
import { applyLineRules } from "./claims.js";
import { quote } from "../model/quote.js";
import { LineMemo } from "./memo.js";
import { PrintedLines, startOfAnotherRecord } from "./always-printed.js";
import { moreLikeIt, RecordProblems } from "./problems.js";
import { addKv, checkHexDump, decodeEtherLine, decodeHexDump, decodeIcmpLine, decodeIp4Header, decodeIp6Header, decodeL4Header, keyValuePairs, type LineProblem } from "./shapes.js";

/** No VPP format function prints anywhere near this many lines for one trace entry. */
const LONG_BODY = 10_000;
/** Nor a line anywhere near this long (a hex dump line holds 32 bytes): such a line is kept
 *  raw, not split into millions of key/value pairs. */
const LONG_LINE = 1 << 16;

export interface RecordSource {
  node: string;
  time: string | null;
  line: number;
  column: number;
  /** The lines as written, header first (none when it was missing, or not kept). */
  raw: string[];
  /** How many lines `raw` has or would have. */
  lineCount: number;
  lines: SyntaxLine[];
  headerless?: boolean;
}

export function parseTraceTime(raw: string): TraceTime {
  if (raw.length === 15 && raw.charCodeAt(2) === 58 && raw.charCodeAt(5) === 58 && raw.charCodeAt(8) === 58) {
    return { raw, form: "relative", seconds: clockSeconds(raw, 0) + Number(raw.slice(9)) / 1e6 };
  }
  const rel = /^(\d{1,2}):(\d\d):(\d\d):(\d{6})$/.exec(raw);
  if (rel) return { raw, form: "relative", seconds: +rel[1] * 3600 + +rel[2] * 60 + +rel[3] + +rel[4] / 1e6 };
  if (/^\d+\.\d{6}$/.test(raw)) return { raw, form: "unix", seconds: Number(raw) };
  // VPP prints local time without a zone; read it as UTC so the value is stable everywhere.
  // Date keeps milliseconds only: add the microsecond fraction separately.
  const [whole, fraction = "0"] = raw.split(".");
  return { raw, form: "datetime", seconds: Date.parse(`${whole}Z`) / 1000 + Number(`0.${fraction}`) };
}

/** `hh:mm:ss` at `at` (the grammar let only digits through) in seconds. */
function clockSeconds(raw: string, at: number): number {
  const digit = (i: number): number => raw.charCodeAt(at + i) - 48;
  return (digit(0) * 10 + digit(1)) * 3600 + (digit(3) * 10 + digit(4)) * 60 + digit(6) * 10 + digit(7);
}

/** Where decodeRecord reports: its diagnostics, and how many lines of known nodes it could
 *  not read (a packet with any is incomplete: the rules cannot vouch for it). */
export interface RecordNotes {
  diagnostics: { push(diagnostic: Diagnostic): unknown };
  unreadable: number;
}

/** `wanted`: the fields to decode, all when undefined (see ParseOptions.fields). Every line
 *  is read either way, so that one that cannot be is reported. */
export function decodeRecord(source: RecordSource, file: string, notes: RecordNotes, wanted?: ReadonlySet<FieldName>): NodeRecord {
  const decoder = decoderFor(source.node);
  const known = decoder.family !== "unknown";
  const fields: RecordFields = {};
  const problems = new RecordProblems();
  let sawExpected = false;
  let garbledExpected = false;
  let textIndex = 0;
  let previous: string | undefined;
  let sawEther = false;
  const printed = known ? PrintedLines.for(decoder.family, source.node) : undefined;
  let other: string | undefined;
  const once = new OncePerRecord(file, notes);
  const warn = (line: number, column: number, message: string, unreadable: boolean): void => {
    notes.diagnostics.push({ severity: "warning", file, line, column, message: `${source.node}: ${message}` });
    if (unreadable && known) notes.unreadable++;
  };
  for (const line of source.lines) {
    switch (line.token) {
      // A header is read whether wanted or not: a garbled line in it is reported.
      case "Ip4Header": {
        printed?.see(line, undefined);
        const header = decodeIp4Header(line, problems);
        if (wants(wanted, "ip4")) addHeader(fields, "ip4", header);
        continue;
      }
      case "Ip6Header": {
        printed?.see(line, undefined);
        const header = decodeIp6Header(line, problems);
        if (wants(wanted, "ip6")) addHeader(fields, "ip6", header);
        continue;
      }
      case "L4Header": {
        const header = decodeL4Header(line, problems);
        if (wants(wanted, "l4")) addHeader(fields, "l4", header);
        continue;
      }
      case "HexDump":
        checkHexDump(line, problems);
        printed?.see(line, undefined);
        if (wants(wanted, "hexdump")) fields.hexdump ??= decodeHexDump(line);
        continue;
      case "IcmpLine":
        if (wants(wanted, "l4")) addHeader(fields, "l4", decodeIcmpLine(line));
        continue;
      case "BlankLine":
      case "CommentLine":
        continue;
      case "FenceLine":
      case "PromptLine":
      case "ElisionLine": {
        const aside = notTraceText(line)!;
        // Lines left out (an elision): whatever the rest reads, the rules cannot vouch for
        // the packet. Said once per record and kind, with a count.
        once.note(line.token, line, aside.message, aside.elided);
        continue;
      }
      case "EtherLine":
        printed?.see(line, undefined);
        if (!sawEther) {
          sawEther = true;
          if (wants(wanted, "ether")) fields.ether = decodeEtherLine(line);
          continue;
        }
    }
    if (line.text.length > LONG_LINE) {
      once.note("long-line", line, `${source.node}: a line of ${line.text.length} characters, longer than any VPP node prints; kept raw, not decoded`, known);
      textIndex++;
      previous = undefined;
      continue;
    }
    const ctx: LineContext = { node: source.node, fields, line, index: textIndex++, previous };
    const claim = applyLineRules(decoder, ctx, known, wanted);
    previous = claim !== null && "rule" in claim ? claim.rule.name : undefined;
    printed?.see(line, previous);
    if (previous !== undefined) sawExpected ||= previous === decoder.expected?.rule;
    else if (claim !== null && "unreadable" in claim) {
      const u = claim.unreadable;
      problems.push({ line: line.line, column: line.column + u.offset, shape: u.shape, expected: u.expected, found: line.text.slice(u.offset) });
      garbledExpected ||= u.rule !== undefined && u.rule === decoder.expected?.rule;
    } else if (known && (other = startOfAnotherRecord(line.text, source.node, decoder.family)) !== undefined) {
      problems.push({ line: line.line, column: line.column, shape: "body line", expected: `a line of ${source.node}, not the line ${other} records start with (is that record's header line missing above it?)`, found: line.text });
    } else if (wants(wanted, "kv") && textIndex <= LONG_BODY) {
      // Past that, lines stay in `raw` only: millions of key/value pairs in one record
      // would cost more than the rest of the parse and say nothing more.
      const kv = (fields.kv ??= {});
      for (const [key, value] of pairsOf(line.text)) addKv(kv, key, value);
    }
  }
  // A record with a line that could not be read is incomplete already, and that line may be
  // the one missing here: reported once, where it stands.
  if (problems.length === 0) printed?.problems(source.lines, lastLineOf(source), problems);
  for (const { problem: p, more } of problems.kinds()) warn(p.line, p.column, `${problemText(p)}${moreLikeIt(more)}`, true);
  once.finish();
  if (fields.acl !== undefined) finishAcl(fields.acl);
  if (source.lineCount > LONG_BODY) {
    warn(source.line, source.column, `a record body of ${source.lineCount - 1} lines, longer than any VPP node prints; kept as one record, its lines after the ${LONG_BODY}th kept raw only`, false);
  }
  // A garbled expected line was reported where it stands: not again as missing.
  if (!sawExpected && !garbledExpected && reportMissingLine(decoder, source, file, notes.diagnostics)) notes.unreadable++;
  const record: NodeRecord = {
    kind: decoder.kind === "output" && source.node.endsWith("-tx") ? "tx" : decoder.kind,
    node: source.node,
    time: source.time === null ? null : parseTraceTime(source.time),
    file,
    line: source.line,
    fields,
    raw: source.raw,
  };
  if (source.headerless) record.headerless = true;
  return record;
}

/** A line that is not trace text — a prompt, a code fence, an elision — and what to say
 *  about it: the same wherever it stands, inside a record or between them. */
export function notTraceText(line: SyntaxLine): { message: string; elided: boolean } | null {
  if (line.token === "PromptLine" || line.token === "FenceLine") return { message: `skipped ${quote(line.text)}: a prompt or code fence around the trace, not trace text`, elided: false };
  if (line.token === "ElisionLine") return { message: `${quote(line.text)}: lines were left out of the trace here; the packet is incomplete`, elided: true };
  return null;
}

/** Warnings said once per record and kind, the first where it stands, with how many more
 *  lines of the record had it: a million pasted prompt lines are one warning. */
class OncePerRecord {
  private readonly first = new Map<string, { diagnostic: Diagnostic; more: number }>();

  constructor(
    private readonly file: string,
    private readonly notes: RecordNotes,
  ) {}

  note(kind: string, line: SyntaxLine, message: string, unreadable: boolean): void {
    const seen = this.first.get(kind);
    if (seen !== undefined) {
      seen.more++;
      return;
    }
    const diagnostic: Diagnostic = { severity: "warning", file: this.file, line: line.line, column: line.column, message };
    this.notes.diagnostics.push(diagnostic);
    this.first.set(kind, { diagnostic, more: 0 });
    if (unreadable) this.notes.unreadable++;
  }

  finish(): void {
    for (const { diagnostic, more } of this.first.values()) diagnostic.message += moreLikeIt(more);
  }
}

/** A line that could not be read, or one VPP always prints that is not there. */
const problemText = (p: LineProblem): string =>
  p.missing === true ? `${p.shape}: missing ${p.expected}` : `${p.shape}: expected ${p.expected}, found ${p.found === "" ? "the end of the line" : quote(p.found)}`;

const wants = (wanted: ReadonlySet<FieldName> | undefined, field: FieldName): boolean => wanted === undefined || wanted.has(field);

/** A record can print a header twice (e.g. an ICMP error quoting the original packet):
 *  the first is the record's own, later ones go to `headers`. */
function addHeader<K extends "ip4" | "ip6" | "l4">(fields: RecordFields, key: K, value: NonNullable<RecordFields[K]>): void {
  if (fields[key] === undefined) {
    fields[key] = value;
    return;
  }
  const headers = (fields.headers ??= []);
  const last = headers[headers.length - 1];
  if (last !== undefined && last[key] === undefined) last[key] = value as never;
  else headers.push({ [key]: value });
}

/** The key/value pairs of lines no rule claims. */
const pairsByText = new LineMemo<[string, KvValue][]>(4096);

const pairsOf = (text: string): [string, KvValue][] => pairsByText.through(text, keyValuePairs);

/** Whether the family's expected line is missing (then reported). */
function reportMissingLine(decoder: NodeDecoder, source: RecordSource, file: string, diagnostics: RecordNotes["diagnostics"]): boolean {
  if (decoder.expected === undefined) return false;
  const first = firstTextLine(source.lines);
  diagnostics.push({
    severity: "warning",
    file,
    line: first?.line ?? source.line,
    column: first?.column ?? source.column,
    message: `${source.node}: expected ${decoder.expected.description}, found ${first === undefined ? "no body line" : quote(first.text.split("\n", 1)[0])}`,
  });
  return true;
}

/** Where a line missing from a record is reported: after its last line. */
function lastLineOf(source: RecordSource): { line: number; column: number } {
  const last = source.lines[source.lines.length - 1];
  return last === undefined ? { line: source.line, column: source.column } : { line: last.line + last.text.split("\n").length - 1, column: last.column };
}

function firstTextLine(lines: SyntaxLine[]): SyntaxLine | undefined {
  return lines.find((l) => l.token !== "BlankLine" && l.token !== "CommentLine");
}
