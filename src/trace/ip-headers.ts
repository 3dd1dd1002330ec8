/**
 * The IPv4 and TCP/UDP headers VPP prints over several lines (a first line, then up to three
 * under it): read with one regular expression when every line reads, in VPP's order — the
 * common case — else line by line, each garbled line reported where reading stopped and its
 * fields left out. The lines are the shapes of grammar/line-shapes.ts.
 */
import type { SyntaxLine } from "../../grammar/index.js";
import type { LineShape } from "../../grammar/line-shape.js";
import { IP4_LATER, IP4_SUMMARY, IP6_LATER, IP6_SUMMARY, L4_PORTS, TCP_LATER, UDP_LATER } from "../../grammar/line-shapes.js";
import type { Ip4Header, Ip6Header, L4Header, TcpOptions } from "../model/trace.js";
import { positionIn } from "./positions.js";
import type { ProblemSink } from "./problems.js";

/** A line that could not be read: where reading stopped, what was expected and found. */
export interface LineProblem {
  line: number;
  column: number;
  /** What the line is (`IPv4 header line`). */
  shape: string;
  expected: string;
  found: string;
  /** The line is not there at all (a line VPP always prints): `found` is then empty. */
  missing?: boolean;
}

/** A header whose lines all read, in VPP's order, as one match: the common case, read with
 *  one regular expression; the groups of each shape follow each other. */
function wholeHeader(first: LineShape, later: LineShape[]): RegExp {
  return new RegExp(`^${first.source}${later.map((shape) => `(?:[ \\t]*\\n[ \\t]*${shape.source})?`).join("")}$`);
}
const IP4_WHOLE = wholeHeader(IP4_SUMMARY, IP4_LATER);
const IP6_WHOLE = wholeHeader(IP6_SUMMARY, IP6_LATER);
const TCP_WHOLE = wholeHeader(L4_PORTS, TCP_LATER);
const UDP_WHOLE = wholeHeader(L4_PORTS, UDP_LATER);
/** Where each shape's groups start in a whole-header match (the first shape's at 1). */
const groupStarts = (shapes: LineShape[]): number[] => shapes.reduce<number[]>((starts, shape, i) => [...starts, starts[i] + shape.groups], [1]);
const [, IP4_VERSION_AT, IP4_TOS_AT, IP4_FRAGMENT_AT] = groupStarts([IP4_SUMMARY, ...IP4_LATER]);
const [, IP6_VERSION_AT, IP6_TOS_AT] = groupStarts([IP6_SUMMARY, ...IP6_LATER]);
const [, TCP_SEQ_AT, TCP_FLAGS_AT, TCP_WINDOW_AT, TCP_OPTIONS_HEAD_AT, TCP_OPTIONS_AT, ...TCP_SACK_AT] = groupStarts([L4_PORTS, ...TCP_LATER]);
const [, UDP_LENGTH_AT] = groupStarts([L4_PORTS, ...UDP_LATER]);

/**
 * The lines under a header's first line, each read as the first of `later` (in VPP's order,
 * after the last one read) that it is; a line that is none of them is reported where the
 * shape it starts like — or else the next one expected — stops reading it. Returns each
 * shape's match, by its position in `later`.
 */
function readLater(line: SyntaxLine, later: LineShape[], problems: ProblemSink): (RegExpExecArray | undefined)[] {
  const found = new Array<RegExpExecArray | undefined>(later.length);
  const lines = line.text.split("\n");
  let next = 0;
  for (let k = 1; k < lines.length; k++) {
    const text = lines[k].trim();
    let match: RegExpExecArray | null = null;
    let index = next;
    for (; index < later.length && match === null; index++) match = later[index].pattern.exec(text);
    if (match !== null) {
      found[index - 1] = match;
      next = index;
      continue;
    }
    const leading = later.findIndex((shape, i) => i >= next && shape.leads(text));
    const shape = later[leading === -1 ? Math.min(next, later.length - 1) : leading];
    const stop = shape.stop(text) ?? { offset: 0, expected: `a ${shape.name}` };
    const indent = lines[k].length - lines[k].trimStart().length;
    problems.push({ line: line.line + k, column: indent + stop.offset + 1, shape: shape.name, expected: stop.expected, found: text.slice(stop.offset) });
    next = (leading === -1 ? next : leading) + 1;
  }
  return found;
}

/** The lines under a header's first line that VPP always prints, by their first group in a
 *  whole-header match and what they are: format_ip4_header prints the tos and fragment lines
 *  for every packet (the version line only when it is not 4/20); format_tcp_header seq, flags
 *  and window; format_udp_header the length (src/vnet/ip/ip4_format.c, tcp_format.c,
 *  udp_format.c). A record missing one of them is incomplete, not read as a shorter header. */
interface Required {
  at: number;
  description: string;
}

/** The header's groups laid out as a whole-header match gives them: that match when every
 *  line reads (no copy: this is the hot path), else the first line's groups and each later
 *  line's that read, undefined for those that did not, the garbled ones reported. A line
 *  VPP always prints that is not there is reported missing (unless a garbled line was). */
function readHeader(line: SyntaxLine, first: LineShape, later: LineShape[], whole: RegExp, problems: ProblemSink, required: Required[]): (string | undefined)[] {
  const match = whole.exec(line.text);
  if (match !== null) {
    reportMissing(line, match, required, problems);
    return match;
  }
  const before = problems.length;
  const groups: (string | undefined)[] = [...first.pattern.exec(line.text.split("\n", 1)[0].trimEnd())!];
  const found = readLater(line, later, problems);
  // (A for loop: `found` has holes for the lines that are not there, which forEach skips.)
  for (let i = 0; i < later.length; i++) for (let g = 1; g <= later[i].groups; g++) groups.push(found[i]?.[g]);
  if (problems.length === before) reportMissing(line, groups, required, problems);
  return groups;
}

function reportMissing(line: SyntaxLine, groups: ArrayLike<string | undefined>, required: Required[], problems: ProblemSink): void {
  for (const r of required) {
    if (groups[r.at] !== undefined) continue;
    const first = line.text.split("\n", 1)[0];
    // A header VPP cut short says so on its first line (`(truncated)`): nothing is missing.
    if (first.includes("truncated")) return;
    problems.push({ line: line.line, column: line.column, shape: `header ${quoteShort(first)}`, expected: r.description, found: "", missing: true });
  }
}

const quoteShort = (text: string): string => `'${text.length > 60 ? `${text.slice(0, 60)}…` : text}'`;

const IP4_REQUIRED: Required[] = [
  { at: IP4_TOS_AT, description: "the line 'tos 0x…, ttl N, length N, checksum 0x…' VPP prints under it" },
  { at: IP4_FRAGMENT_AT, description: "the line 'fragment id 0x…' VPP prints under it" },
];
const TCP_REQUIRED: Required[] = [
  { at: TCP_SEQ_AT, description: "the line 'seq. 0x… ack 0x…' VPP prints under it" },
  { at: TCP_FLAGS_AT, description: "the line 'flags 0x…, tcp header: N bytes' VPP prints under it" },
  { at: TCP_WINDOW_AT, description: "the line 'window N, checksum 0x…' VPP prints under it" },
];
const IP6_REQUIRED: Required[] = [{ at: IP6_TOS_AT, description: "the line 'tos 0x…, flow label 0x…, hop limit N, payload length N' VPP prints under it" }];
const UDP_REQUIRED: Required[] = [{ at: UDP_LENGTH_AT, description: "the line 'length N, checksum 0x…' VPP prints under it" }];

/** An `Ip4Header` token: summary, then optional version, tos and fragment lines. */
export function decodeIp4Header(line: SyntaxLine, problems: ProblemSink): Ip4Header {
  const g = readHeader(line, IP4_SUMMARY, IP4_LATER, IP4_WHOLE, problems, IP4_REQUIRED) as string[];
  const header: Ip4Header = { proto: g[1], src: g[2], dst: g[3], line: line.line };
  const v = IP4_VERSION_AT;
  if (g[v] !== undefined) {
    header.version = Number(g[v]);
    header.headerLength = Number(g[v + 1]);
  }
  const t = IP4_TOS_AT;
  if (g[t] !== undefined) {
    header.tos = parseInt(g[t], 16);
    header.ttl = Number(g[t + 1]);
    header.length = Number(g[t + 2]);
    header.checksum = parseInt(g[t + 3], 16);
    if (g[t + 4] !== undefined) header.checksumShouldBe = parseInt(g[t + 4], 16);
    if (g[t + 5] !== undefined) {
      header.dscp = g[t + 5];
      header.ecn = g[t + 6];
    }
    locateTosLine(line, header);
  }
  const f = IP4_FRAGMENT_AT;
  if (g[f] !== undefined) {
    header.fragmentId = parseInt(g[f], 16);
    if (g[f + 1] !== undefined) header.fragmentOffset = Number(g[f + 1]);
    if (g[f + 2] !== undefined) header.flags = g[f + 2];
  }
  return header;
}

/** An `Ip6Header` token: summary, then the optional version line and the tos line. */
export function decodeIp6Header(line: SyntaxLine, problems: ProblemSink): Ip6Header {
  const g = readHeader(line, IP6_SUMMARY, IP6_LATER, IP6_WHOLE, problems, IP6_REQUIRED) as string[];
  const header: Ip6Header = { proto: g[1], src: g[2], dst: g[3], line: line.line };
  if (g[IP6_VERSION_AT] !== undefined) header.version = Number(g[IP6_VERSION_AT]);
  const t = IP6_TOS_AT;
  if (g[t] !== undefined) {
    header.tos = parseInt(g[t], 16);
    header.flowLabel = parseInt(g[t + 1], 16);
    header.hopLimit = Number(g[t + 2]);
    header.payloadLength = Number(g[t + 3]);
  }
  return header;
}

/** Where the TTL and the checksum stand (`tos 0x00, ttl 64, length 60, checksum 0xe443`):
 *  a finding about either points there, not at the record's header, so that an editor
 *  jumps to the value itself. Later lines of the token keep their indentation. */
function locateTosLine(line: SyntaxLine, header: Ip4Header): void {
  const ttl = line.text.indexOf("ttl ");
  if (ttl === -1) return;
  const at = positionIn(line, ttl);
  header.tosLine = at.line;
  header.ttlColumn = at.column;
  const checksum = line.text.indexOf("checksum ", ttl);
  if (checksum !== -1) header.checksumColumn = positionIn(line, checksum).column;
}

/** An `L4Header` token: ports, then optional TCP seq/flags/window lines or a UDP length line. */
export function decodeL4Header(line: SyntaxLine, problems: ProblemSink): L4Header {
  const udp = line.text.startsWith("UDP");
  const g = readHeader(line, L4_PORTS, udp ? UDP_LATER : TCP_LATER, udp ? UDP_WHOLE : TCP_WHOLE, problems, udp ? UDP_REQUIRED : TCP_REQUIRED) as string[];
  const header: L4Header = { proto: g[1] as "TCP" | "UDP", srcPort: Number(g[2]), dstPort: Number(g[3]), line: line.line };
  if (udp) {
    if (g[UDP_LENGTH_AT] !== undefined) {
      header.length = Number(g[UDP_LENGTH_AT]);
      header.checksum = parseInt(g[UDP_LENGTH_AT + 1], 16);
    }
    return header;
  }
  if (g[TCP_SEQ_AT] !== undefined) {
    header.seq = parseInt(g[TCP_SEQ_AT], 16);
    header.ack = parseInt(g[TCP_SEQ_AT + 1], 16);
  }
  const f = TCP_FLAGS_AT;
  if (g[f] !== undefined) {
    header.tcpFlags = parseInt(g[f], 16);
    const names = g[f + 1].trim();
    header.tcpFlagNames = names === "" ? [] : names.split(" ");
    header.tcpHeaderLength = Number(g[f + 2]);
  }
  if (g[TCP_WINDOW_AT] !== undefined) {
    header.window = Number(g[TCP_WINDOW_AT]);
    header.checksum = parseInt(g[TCP_WINDOW_AT + 1], 16);
  }
  const options = tcpOptions(g);
  if (options !== undefined) header.tcpOptions = options;
  return header;
}

/** The `options:` block under a TCP header (≥ 23.x): which options the segment carries. */
function tcpOptions(g: string[]): TcpOptions | undefined {
  const head = TCP_OPTIONS_HEAD_AT;
  const o = TCP_OPTIONS_AT;
  // The head's group is "" or the word when its line is there, undefined when not.
  if (g[head] === undefined && g[o] === undefined && g[o + 1] === undefined && g[o + 2] === undefined && g[o + 3] === undefined && g[o + 4] === undefined) return undefined;
  const options: TcpOptions = {};
  if (g[head] === " truncated") options.truncated = true;
  if (g[head] === " parsing failed") options.parsingFailed = true;
  if (g[o] !== undefined) options.mss = Number(g[o]);
  if (g[o + 1] !== undefined) options.windowScale = true;
  if (g[o + 2] !== undefined) options.timestamp = true;
  if (g[o + 1] !== undefined || g[o + 2] !== undefined) {
    options.printed = {};
    if (g[o + 1] !== undefined) options.printed.windowScale = Number(g[o + 1]);
    if (g[o + 2] !== undefined) options.printed.timestamp = Number(g[o + 2]);
  }
  if (g[o + 3] !== undefined) options.sackPermitted = true;
  const sacks = TCP_SACK_AT.filter((at) => g[at] !== undefined).map((at) => ({ start: Number(g[at + 1]), end: Number(g[at + 2]) }));
  if (g[o + 4] !== undefined || sacks.length > 0) options.sacks = sacks;
  return options;
}
