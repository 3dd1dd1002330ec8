/**
 * The IPv4 and TCP/UDP headers VPP prints over several lines (a first line, then up to three
 * under it): read with one regular expression when every line reads, in VPP's order — the
 * common case — else line by line, each garbled line reported where reading stopped and its
 * fields left out. The lines are the shapes of grammar/line-shapes.ts.
 */
import type { SyntaxLine } from "../../grammar/index.js";
import type { LineShape } from "../../grammar/line-shape.js";
import { IP4_LATER, IP4_SUMMARY, L4_PORTS, TCP_LATER, UDP_LATER } from "../../grammar/line-shapes.js";
import type { Ip4Header, L4Header } from "../model/trace.js";

/** A line that could not be read: where reading stopped, what was expected and found. */
export interface LineProblem {
  line: number;
  column: number;
  /** What the line is (`IPv4 header line`). */
  shape: string;
  expected: string;
  found: string;
}

/** A header whose lines all read, in VPP's order, as one match: the common case, read with
 *  one regular expression; the groups of each shape follow each other. */
function wholeHeader(first: LineShape, later: LineShape[]): RegExp {
  return new RegExp(`^${first.source}${later.map((shape) => `(?:[ \\t]*\\n[ \\t]*${shape.source})?`).join("")}$`);
}
const IP4_WHOLE = wholeHeader(IP4_SUMMARY, IP4_LATER);
const TCP_WHOLE = wholeHeader(L4_PORTS, TCP_LATER);
const UDP_WHOLE = wholeHeader(L4_PORTS, UDP_LATER);
/** Where each shape's groups start in a whole-header match (the first shape's at 1). */
const groupStarts = (shapes: LineShape[]): number[] => shapes.reduce<number[]>((starts, shape, i) => [...starts, starts[i] + shape.groups], [1]);
const IP4_GROUPS = groupStarts([IP4_SUMMARY, ...IP4_LATER]);
const TCP_GROUPS = groupStarts([L4_PORTS, ...TCP_LATER]);
const UDP_GROUPS = groupStarts([L4_PORTS, ...UDP_LATER]);

/** Each shape's groups out of a whole-header match, as its own match would give them
 *  (undefined for a line that is not there). */
function split(match: RegExpExecArray, starts: number[]): (RegExpExecArray | undefined)[] {
  return starts.slice(0, -1).map((start, i) => {
    const groups = match.slice(start, starts[i + 1]);
    return groups.every((g) => g === undefined) && i > 0 ? undefined : (["", ...groups] as unknown as RegExpExecArray);
  });
}

/**
 * The lines under a header's first line, each read as the first of `later` (in VPP's order,
 * after the last one read) that it is; a line that is none of them is reported where the
 * shape it starts like — or else the next one expected — stops reading it. Returns each
 * shape's match, by its position in `later`.
 */
function readLater(line: SyntaxLine, later: LineShape[], problems: LineProblem[]): (RegExpExecArray | undefined)[] {
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

/** The first line's match and the later lines' (by shape), read whole when every line
 *  reads, else line by line with the garbled ones reported. */
function readHeader(line: SyntaxLine, first: LineShape, later: LineShape[], whole: RegExp, starts: number[], problems: LineProblem[]): (RegExpExecArray | undefined)[] {
  const match = whole.exec(line.text);
  if (match !== null) return split(match, starts);
  return [first.pattern.exec(line.text.split("\n", 1)[0].trimEnd())!, ...readLater(line, later, problems)];
}

/** An `Ip4Header` token: summary, then optional version, tos and fragment lines. */
export function decodeIp4Header(line: SyntaxLine, problems: LineProblem[]): Ip4Header {
  const [g, version, tos, fragment] = readHeader(line, IP4_SUMMARY, IP4_LATER, IP4_WHOLE, IP4_GROUPS, problems) as [RegExpExecArray, ...(RegExpExecArray | undefined)[]];
  const header: Ip4Header = { proto: g[1], src: g[2], dst: g[3], line: line.line };
  if (version !== undefined) {
    header.version = Number(version[1]);
    header.headerLength = Number(version[2]);
  }
  if (tos !== undefined) {
    header.tos = parseInt(tos[1], 16);
    header.ttl = Number(tos[2]);
    header.length = Number(tos[3]);
    header.checksum = parseInt(tos[4], 16);
    if (tos[5] !== undefined) header.checksumShouldBe = parseInt(tos[5], 16);
    if (tos[6] !== undefined) {
      header.dscp = tos[6];
      header.ecn = tos[7];
    }
  }
  if (fragment !== undefined) {
    header.fragmentId = parseInt(fragment[1], 16);
    if (fragment[2] !== undefined) header.fragmentOffset = Number(fragment[2]);
    if (fragment[3] !== undefined) header.flags = fragment[3];
  }
  return header;
}

/** An `L4Header` token: ports, then optional TCP seq/flags/window lines or a UDP length line. */
export function decodeL4Header(line: SyntaxLine, problems: LineProblem[]): L4Header {
  const udp = line.text.startsWith("UDP");
  const [g, ...rest] = readHeader(line, L4_PORTS, udp ? UDP_LATER : TCP_LATER, udp ? UDP_WHOLE : TCP_WHOLE, udp ? UDP_GROUPS : TCP_GROUPS, problems) as [RegExpExecArray, ...(RegExpExecArray | undefined)[]];
  const proto = g[1] as "TCP" | "UDP";
  const header: L4Header = { proto, srcPort: Number(g[2]), dstPort: Number(g[3]), line: line.line };
  if (proto === "UDP") {
    const [length] = rest;
    if (length !== undefined) {
      header.length = Number(length[1]);
      header.checksum = parseInt(length[2], 16);
    }
    return header;
  }
  const [seq, flags, window] = rest;
  if (seq !== undefined) {
    header.seq = parseInt(seq[1], 16);
    header.ack = parseInt(seq[2], 16);
  }
  if (flags !== undefined) {
    header.tcpFlags = parseInt(flags[1], 16);
    const names = flags[2].trim();
    header.tcpFlagNames = names === "" ? [] : names.split(" ");
    header.tcpHeaderLength = Number(flags[3]);
  }
  if (window !== undefined) {
    header.window = Number(window[1]);
    header.checksum = parseInt(window[2], 16);
  }
  return header;
}
