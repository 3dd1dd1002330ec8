/**
 * The syntax tree the grammar produces: what the text *looks like*, with positions.
 * Meaning (which packet a record belongs to, what its fields are) is src/trace's job.
 */

/** One body token: a line, or the lines of a multi-line shape (IPv4 header, L4 header,
 *  hex dump). */
export interface SyntaxLine {
  /** Token name: `Ip4Header`, `L4Header`, `HexDump`, `EtherLine`, `TextLine`, … */
  token: string;
  /** Line of the token's first line. */
  line: number;
  /** 1-based column of the first non-blank character: the line's indentation + 1. */
  column: number;
  /** The text without its indentation and trailing blanks. A multi-line shape keeps its
   *  inner line breaks and the indentation of its later lines. */
  text: string;
}

export interface SyntaxRecordHeader {
  time: string;
  node: string;
  line: number;
  column: number;
  /** Text after the node name on the header's line, and its column (none in VPP's own output). */
  rest?: string;
  restColumn?: number;
}

interface Positioned {
  line: number;
  column: number;
  raw: string;
}

/** Numbers in framing lines are kept as the digits printed: whether a number that long can
 *  be held exactly is for src/trace to judge. */
export type TopItem =
  | ({ kind: "thread"; index: string; name: string } & Positioned)
  | ({ kind: "packet"; number: string } & Positioned)
  | ({ kind: "caption"; text: string } & Positioned)
  | ({ kind: "limit"; max: string } & Positioned)
  | ({ kind: "no-packets" } & Positioned)
  | ({ kind: "path"; index: string } & Positioned)
  /** `Path: a -> b` / `Threads: [0]  Count: 5` under a tracepath `Path [N]` banner. */
  | ({ kind: "path-summary"; text: string } & Positioned)
  /** `raw`: the record's lines as written (header first), trailing blanks removed — none
   *  when the parse was asked to leave them out; `lineCount` counts them either way. */
  | { kind: "record"; header: SyntaxRecordHeader; lines: SyntaxLine[]; raw: string[]; lineCount: number }
  /** A body token outside any record; `raw` as for a record. */
  | { kind: "stray"; line: SyntaxLine; raw: string[] };

export interface SyntaxTree {
  items: TopItem[];
  /** Number of lines in the normalised text. */
  lineCount: number;
}
