/**
 * The syntax tree the grammar produces: what the text *looks like*, with positions.
 * Meaning (which packet a record belongs to, what its fields are) is src/trace's job.
 */

export interface SyntaxLine {
  /** Token name: `Ip4Summary`, `Ip4Tos`, `HexDumpLine`, `TextLine`, … */
  token: string;
  line: number;
  /** 1-based column of the first non-blank character: the line's indentation + 1. */
  column: number;
  /** The line as written, indentation kept, trailing blanks removed. */
  raw: string;
  /** The line without indentation. */
  text: string;
}

/** Lines that belong together: an IPv4 header summary, an L4 summary, a hex dump, or one line. */
export interface SyntaxBlock {
  shape: "ip4" | "l4" | "hexdump" | "line";
  lines: SyntaxLine[];
}

export interface SyntaxRecordHeader {
  time: string;
  node: string;
  line: number;
  column: number;
  raw: string;
}

interface Positioned {
  line: number;
  column: number;
  raw: string;
}

export type TopItem =
  | ({ kind: "thread"; index: number; name: string } & Positioned)
  | ({ kind: "packet"; number: number } & Positioned)
  | ({ kind: "caption"; text: string } & Positioned)
  | ({ kind: "limit"; max: number } & Positioned)
  | ({ kind: "no-packets" } & Positioned)
  | ({ kind: "path"; index: number } & Positioned)
  | { kind: "record"; header: SyntaxRecordHeader; blocks: SyntaxBlock[] }
  | { kind: "stray"; block: SyntaxBlock };

export interface SyntaxTree {
  items: TopItem[];
  /** Number of lines in the normalised text. */
  lineCount: number;
}
