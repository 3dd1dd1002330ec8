/**
 * One record's syntax (header + body blocks) → a typed NodeRecord. Shared shapes are
 * decoded the same way for every node; free-text lines go to the node family's line rules
 * and, failing those, to the generic key/value decoder, so no printed value is lost.
 */
import type { SyntaxBlock, SyntaxLine } from "../../grammar/index.js";
import type { Diagnostic, NodeRecord, RecordFields, TraceTime } from "../model/trace.js";
import { finishAcl } from "./decoders/acl.js";
import { decoderFor, type NodeDecoder } from "./decoders/index.js";
import type { LineContext } from "./decoders/types.js";
import { quote } from "./quote.js";
import { decodeEtherLine, decodeHexDump, decodeIcmpLine, decodeIp4Block, decodeL4Block, parseKeyValues } from "./shapes.js";

/** No VPP format function prints anywhere near this many lines for one trace entry. */
const LONG_BODY = 10_000;

export interface RecordSource {
  node: string;
  time: string | null;
  line: number;
  column: number;
  headerRaw: string | null;
  blocks: SyntaxBlock[];
  headerless?: boolean;
}

export function parseTraceTime(raw: string): TraceTime {
  const rel = /^(\d{1,2}):(\d\d):(\d\d):(\d{6})$/.exec(raw);
  if (rel) return { raw, form: "relative", seconds: +rel[1] * 3600 + +rel[2] * 60 + +rel[3] + +rel[4] / 1e6 };
  if (/^\d+\.\d{6}$/.test(raw)) return { raw, form: "unix", seconds: Number(raw) };
  // VPP prints local time without a zone; read it as UTC so the value is stable everywhere.
  // Date keeps milliseconds only: add the microsecond fraction separately.
  const [whole, fraction = "0"] = raw.split(".");
  return { raw, form: "datetime", seconds: Date.parse(`${whole}Z`) / 1000 + Number(`0.${fraction}`) };
}

export function decodeRecord(source: RecordSource, file: string, diagnostics: Diagnostic[]): NodeRecord {
  const decoder = decoderFor(source.node);
  const fields: RecordFields = {};
  const claimed = new Set<string>();
  const raw: string[] = source.headerRaw === null ? [] : [source.headerRaw];
  let textIndex = 0;
  let previous: string | undefined;
  for (const block of source.blocks) {
    for (const line of block.lines) raw.push(line.raw);
    if (block.shape === "ip4") addHeader(fields, "ip4", decodeIp4Block(block));
    else if (block.shape === "l4") addHeader(fields, "l4", decodeL4Block(block));
    else if (block.shape === "hexdump") fields.hexdump ??= decodeHexDump(block);
    else {
      const line = block.lines[0];
      if (line.token === "BlankLine" || line.token === "CommentLine") continue;
      if (line.token === "FenceLine" || line.token === "PromptLine") {
        diagnostics.push({ severity: "warning", file, line: line.line, column: line.column, message: `skipped ${quote(line.text)}: a prompt or code fence around the trace, not trace text` });
        continue;
      }
      if (line.token === "EtherLine" && fields.ether === undefined) fields.ether = decodeEtherLine(line);
      else if (line.token === "IcmpLine") addHeader(fields, "l4", decodeIcmpLine(line));
      else {
        const ctx: LineContext = { node: source.node, fields, line, index: textIndex++, previous };
        previous = applyLineRules(decoder, ctx);
        if (previous !== undefined) claimed.add(previous);
        else fields.kv = parseKeyValues(line.text, fields.kv);
      }
    }
  }
  if (fields.acl !== undefined) finishAcl(fields.acl);
  if (raw.length > LONG_BODY) {
    diagnostics.push({ severity: "warning", file, line: source.line, column: source.column, message: `${source.node}: a record body of ${raw.length - 1} lines, longer than any VPP node prints; kept as one record` });
  }
  reportMissingLine(decoder, claimed, source, file, diagnostics);
  return {
    kind: decoder.kind === "output" && source.node.endsWith("-tx") ? "tx" : decoder.kind,
    node: source.node,
    time: source.time === null ? null : parseTraceTime(source.time),
    file,
    line: source.line,
    fields,
    raw,
    ...(source.headerless ? { headerless: true } : {}),
  };
}

/** A record can print a header twice (e.g. an ICMP error quoting the original packet):
 *  the first is the record's own, later ones go to `headers`. */
function addHeader<K extends "ip4" | "l4">(fields: RecordFields, key: K, value: NonNullable<RecordFields[K]>): void {
  if (fields[key] === undefined) {
    fields[key] = value;
    return;
  }
  const headers = (fields.headers ??= []);
  const last = headers[headers.length - 1];
  if (last !== undefined && last[key] === undefined) last[key] = value as never;
  else headers.push({ [key]: value });
}

function applyLineRules(decoder: NodeDecoder, ctx: LineContext): string | undefined {
  for (const rule of decoder.rules) {
    if (rule.firstOnly && ctx.index !== 0) continue;
    if (rule.after !== undefined && ctx.previous !== rule.after) continue;
    const match = rule.pattern.exec(ctx.line.text);
    if (match === null) continue;
    rule.apply(match, ctx);
    return rule.name;
  }
  return undefined;
}

function reportMissingLine(decoder: NodeDecoder, claimed: Set<string>, source: RecordSource, file: string, diagnostics: Diagnostic[]): void {
  if (decoder.expected === undefined || claimed.has(decoder.expected.rule)) return;
  const first = firstTextLine(source.blocks);
  diagnostics.push({
    severity: "warning",
    file,
    line: first?.line ?? source.line,
    column: first?.column ?? source.column,
    message: `${source.node}: expected ${decoder.expected.description}, found ${first === undefined ? "no body line" : quote(first.text)}`,
  });
}

function firstTextLine(blocks: SyntaxBlock[]): SyntaxLine | undefined {
  for (const b of blocks) for (const l of b.lines) if (l.token !== "BlankLine" && l.token !== "CommentLine") return l;
  return undefined;
}
