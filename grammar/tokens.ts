/**
 * The single token table of the `show trace` grammar.
 *
 * `show trace` is line oriented, so every token but `Indent` is one whole line
 * (newline included). Framing tokens (thread banners, `Packet N`, record headers)
 * cut the text into packets and records; body-shape tokens recognise the lines that
 * many graph nodes share (IPv4/TCP/UDP/ICMP summaries, MAC pairs, hex dumps) and
 * carry their captured fields as the token payload, so nothing downstream re-splits
 * the text. Any other line is a `TextLine`. Indentation is skipped: the column of a
 * line token tells how deep it was indented.
 *
 * The lexer input is normalised first (see normalize.ts): LF line ends only and a
 * final newline, which is why no pattern needs a `$` anchor. Every token but the glued
 * limit warning ends with its line's newline, so a token is a line.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";
import type { LineShape } from "./line-shape.js";
import { ETHER_LINE, FIRST_LINES, HEX_LINE, ICMP_LINE, IP4_LATER, IP4_SUMMARY, IP6_LATER, IP6_SUMMARY, L4_PORTS, ND_TARGET, TCP_LATER, UDP_LATER } from "./line-shapes.js";

const digits = "0123456789".split("");
const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
const hexLower = "0123456789abcdef".split("");

/** Every character a line can start with: ASCII plus one representative per 256-char block,
 *  which is how chevrotain buckets char codes above 255 for its first-char optimisation. */
const anyStartChar: string[] = (() => {
  const chars: string[] = [];
  for (let code = 1; code < 256; code++) if (code !== 10) chars.push(String.fromCharCode(code));
  for (let block = 1; block < 256; block++) chars.push(String.fromCharCode(block * 256));
  return chars;
})();

/** Category of the lines that may stand alone inside a record body. */
export const BodyLine = createToken({ name: "BodyLine", pattern: Lexer.NA });

/**
 * Each line shape's pattern, anchored, with its capture groups, for src/trace to read the
 * fields out of the lines it decodes. The lexer uses the same source unanchored and
 * followed by the line end: plain regular expressions keep chevrotain on its fast path.
 */
export const SHAPE_PATTERNS: Record<string, RegExp> = {};

function lineToken(name: string, body: string, startChars: string[], categories: TokenType[] = [], lineEnd = "[ \\t]*\\n"): TokenType {
  SHAPE_PATTERNS[name] = new RegExp(`^${body}$`);
  return createToken({
    name,
    pattern: new RegExp(`${body}${lineEnd}`),
    line_breaks: true,
    start_chars_hint: startChars,
    categories,
  });
}


export const Indent = createToken({ name: "Indent", pattern: /[ \t]+/, group: Lexer.SKIPPED });

// ---- framing -------------------------------------------------------------------------
/** `------------------- Start of thread 0 vpp_main -------------------`, optionally behind a
 *  logger timestamp (`05:38:16,042 `) as in VPP's own `make test` logs. */
export const ThreadBanner = lineToken(
  "ThreadBanner",
  `(?:\\d\\d:\\d\\d:\\d\\d[,.]\\d{3} )?-{3,} Start of thread (\\d+) (\\S+) -{3,}`,
  ["-", ...digits],
);
/** `--- Thread 0 vpp_main ---` of the 26.06 tracepath plugin's `show trace path`. */
export const PathThreadBanner = lineToken("PathThreadBanner", `-{3} Thread (\\d+) (\\S+) -{3}`, ["-"]);
/** The dashed underline of a caption such as `SYN from the client's node:`. */
export const DashLine = lineToken("DashLine", `-{3,}`, ["-"], [BodyLine]);
export const PathBanner = lineToken("PathBanner", `=+ Path \\[(\\d+)\\] =+`, ["="]);
/** `Packet 3`, `Packet 3 [handoff]`, and `Packet 53:` as pasted from some tools and docs. */
export const PacketLine = lineToken("PacketLine", `Packet (\\d+):?(?: \\[[^\\n]*\\])?`, ["P"]);
/** The tracepath plugin's path summary under `Path [N]`: `Path: a -> b -> c` and
 *  `Threads: [0]  Count: 5` (26.06 `show trace path`). */
export const PathSummaryLine = lineToken("PathSummaryLine", `(?:Path: \\S+(?: -> \\S+)*|Threads: \\[[\\d, ]*\\] +Count: \\d+)`, ["P", "T"]);
export const NoPackets = lineToken("NoPackets", `No packets in trace buffer`, ["N"]);
/** From v21.06 the warning is glued to the next thread banner without a newline. */
export const LimitWarning = lineToken(
  "LimitWarning",
  `Limiting display to (\\d+) packets\\. To display more specify max\\.`,
  ["L"],
  [],
  "(?:[ \\t]*\\n)?",
);
/** `01:48:51:256986: virtio-input`; from 26.06 also Unix seconds and ISO date-time. Text
 *  after the node name on the same line keeps the line a header (src/trace warns about it):
 *  as a body line its record would silently merge into the one before. */
export const RecordHeader = lineToken(
  "RecordHeader",
  `(\\d{1,2}:\\d\\d:\\d\\d:\\d{6}|\\d{9,11}\\.\\d{6}|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}): (\\S+)(?:[ \\t]+[^ \\t\\n][^\\n]*)?`,
  digits,
);

// ---- shared body shapes --------------------------------------------------------------
// Shapes that span several lines (an IPv4 header, an L4 header, a hex dump) are one token
// each, so the parser sees one token per shape; the decoder reads them line by line with the
// shapes of line-shapes.ts, and reports a garbled line where it stands.

/**
 * A header of several lines: its first line, then at most as many lines as `later` names —
 * each indented deeper than the first line, or starting as one of `later` does (excerpts
 * re-indent), and none starting as a shape's first line does (the L4 header after an IPv4
 * one). A garbled line under a header thus stays in it and is reported there, instead
 * of ending the header early and leaving the lines after it unread. Matched by hand: the
 * lines taken depend on the first line's indentation.
 */
function headerLines(first: LineShape, laterFor: (text: string, offset: number) => LineShape[]): { exec(text: string, offset: number): [string] | null } {
  const sticky = new RegExp(`${first.source}[ \\t]*\\n`, "y");
  return {
    exec(text, offset) {
      sticky.lastIndex = offset;
      if (!sticky.test(text)) return null;
      let end = sticky.lastIndex;
      const later = laterFor(text, offset);
      const indent = offset - (text.lastIndexOf("\n", offset - 1) + 1);
      for (let taken = 0; taken < later.length; taken++) {
        const lineEnd = text.indexOf("\n", end);
        let at = end;
        while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
        if (lineEnd === -1 || at === lineEnd) break;
        // The common case first: a header line (no first line's lead is one's too).
        if (!leadsOneOf(later, text, at) && (at - end <= indent || leadsOneOf(FIRST_LINES, text, at))) break;
        end = lineEnd + 1;
      }
      return [text.slice(offset, end)];
    },
  };
}

function leadsOneOf(shapes: LineShape[], text: string, at: number): boolean {
  for (const shape of shapes) if (shape.leads(text, at)) return true;
  return false;
}

/** `TCP: 10.1.1.12 -> 10.1.1.9` / [`version 4, header length 20`] / `tos …, ttl …` /
 *  `fragment id …` */
export const Ip4Header = createToken({
  name: "Ip4Header",
  pattern: headerLines(IP4_SUMMARY, () => IP4_LATER),
  line_breaks: true,
  start_chars_hint: [...upper, "u"],
  categories: [BodyLine],
});
/** `ICMP6: fe80::1 -> ff02::1:ff00:2` / [`version N`] / `tos 0x00, flow label 0x0, hop limit 255, payload length 32` */
export const Ip6Header = createToken({
  name: "Ip6Header",
  pattern: headerLines(IP6_SUMMARY, () => IP6_LATER),
  line_breaks: true,
  start_chars_hint: [...upper, "u"],
  categories: [BodyLine],
});
/** `TCP: 39820 -> 8080` + seq/flags/window lines, or `UDP: 50038 -> 4789` + length line. */
export const L4Header = createToken({
  name: "L4Header",
  pattern: headerLines(L4_PORTS, (text, offset) => (text.startsWith("UDP", offset) ? UDP_LATER : TCP_LATER)),
  line_breaks: true,
  start_chars_hint: ["T", "U"],
  categories: [BodyLine],
});
/** `00000000: 00000000000202fe…` lines — offsets in hex — as one dump. */
export const HexDump = lineToken("HexDump", `${HEX_LINE.source}(?:[ \\t]*\\n[ \\t]*${HEX_LINE.source})*`, hexLower, [BodyLine]);
/** An ICMP line, with the ICMPv6 neighbor discovery target under it when there is one. */
export const IcmpLine = lineToken("IcmpLine", `${ICMP_LINE.source}(?:[ \\t]*\\n[ \\t]*${ND_TARGET.source})?`, ["I"], [BodyLine]);
export const EtherLine = lineToken("EtherLine", ETHER_LINE.source, [...upper, "0"], [BodyLine]);
/** Text around a pasted trace: markdown code fences and the vppctl or shell prompt line. */
export const FenceLine = lineToken("FenceLine", "(?:```|~~~)[^\\n]*", ["`", "~"], [BodyLine]);
export const PromptLine = lineToken("PromptLine", "(?:(?:DBG)?vpp#|\\$)(?: [^\\n]*)?", ["v", "D", "$"], [BodyLine]);
/** `...`, `[...]`, `…`: lines an author left out of a pasted trace. */
export const ElisionLine = lineToken("ElisionLine", "(?:\\.{3,}|\\[(?:\\.{3,}|…)\\]|…)", [".", "[", "…"], [BodyLine]);
/** `# …` annotations that people add to traces in documentation. */
export const CommentLine = lineToken("CommentLine", `#[^\\n]*`, ["#"], [BodyLine], "\\n");
export const BlankLine = createToken({ name: "BlankLine", pattern: /\n/, line_breaks: true, categories: [BodyLine] });
export const TextLine = lineToken("TextLine", `([^\\n]*[^ \\t\\n])`, anyStartChar, [BodyLine]);

/**
 * A line with a dashed line under it (`SYN from the client's node:` over `-----`) labels the
 * packet that follows. One token for both lines, so the parser needs no lookahead; matched
 * by hand because a regular expression would scan every free-text line twice to fail.
 * Tried only where no other shape matched (it sits just before TextLine).
 */
export const Caption = createToken({
  name: "Caption",
  pattern: { exec: matchCaption },
  line_breaks: true,
  start_chars_hint: anyStartChar,
});

function matchCaption(text: string, offset: number): [string] | null {
  const firstEnd = text.indexOf("\n", offset);
  if (firstEnd === -1) return null;
  let at = firstEnd + 1;
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
  const dashes = at;
  while (text.charCodeAt(at) === 45) at++;
  if (at - dashes < 3) return null;
  while (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) at++;
  if (text.charCodeAt(at) !== 10) return null;
  return [text.slice(offset, at + 1)];
}

/** Order matters where two patterns can match the same line: the more specific first. */
export const allTokens: TokenType[] = [
  BodyLine,
  Indent,
  BlankLine,
  ThreadBanner,
  PathThreadBanner,
  DashLine,
  PathBanner,
  PacketLine,
  PathSummaryLine,
  NoPackets,
  LimitWarning,
  RecordHeader,
  HexDump,
  L4Header,
  Ip4Header,
  Ip6Header,
  EtherLine,
  IcmpLine,
  CommentLine,
  ElisionLine,
  FenceLine,
  PromptLine,
  Caption,
  TextLine,
];

/** Tokens that span more than one line. */
export const MULTI_LINE_TOKENS = new Set<TokenType>([Ip4Header, Ip6Header, L4Header, IcmpLine, HexDump, Caption]);
