/**
 * The `show trace` parser: framing (threads, `Packet N`, captions, record headers) and the
 * body tokens of each record, in order.
 *
 * Every token is accepted somewhere — a body token outside a record is stray text — so
 * parsing never fails; what the text *means* and whether it is acceptable is decided in
 * src/trace. The lexer already grouped multi-line shapes into one token each, so the
 * grammar is flat: one repetition of top items, and a record is its header followed by
 * any number of body tokens. Built with embedded actions (no CST) and one instance reused
 * for every input.
 */
import { EmbeddedActionsParser, type IOrAlt, type IToken } from "chevrotain";
import * as T from "./tokens.js";
import { shapeGroups } from "./shapes.js";
import type { SyntaxLine, SyntaxRecordHeader, TopItem } from "./syntax.js";

type FramingKind = "thread" | "path" | "path-summary" | "packet" | "no-packets" | "limit" | "caption";

export class TraceParser extends EmbeddedActionsParser {
  /** The text being parsed, to recover each line's indentation for `raw`. */
  private source = "";
  /** Whether records carry their raw lines. */
  private keepRaw = true;

  /** `validate`: check the grammar (a test does); at start-up it only costs time. */
  constructor({ validate = false } = {}) {
    super(T.allTokens, { maxLookahead: 1, recoveryEnabled: false, skipValidations: !validate });
    this.performSelfAnalysis();
  }

  /** `firstLine`: the line number of the text's first line (for a stream cut into pieces). */
  parseTokens(tokens: IToken[], source: string, firstLine = 1, keepRaw = true): TopItem[] {
    this.source = source;
    this.keepRaw = keepRaw;
    this.nextLine = firstLine;
    this.nextLineStart = 0;
    this.input = tokens;
    const items = this.trace();
    this.source = "";
    return items;
  }

  // Positions are counted as the actions meet the tokens, which they do in input order and
  // once each: no token object is touched (adding fields to chevrotain's tokens would cost
  // an allocation per line).
  private nextLine = 1;
  private nextLineStart = 0;
  private tokenLine = 1;
  private tokenColumn = 1;

  /** Sets tokenLine/tokenColumn to the token's position and moves past it. */
  private place(token: IToken): void {
    const image = token.image;
    this.tokenLine = this.nextLine;
    this.tokenColumn = token.startOffset - this.nextLineStart + 1;
    if (T.MULTI_LINE_TOKENS.has(token.tokenType)) {
      for (let at = image.indexOf("\n"); at !== -1 && at < image.length - 1; at = image.indexOf("\n", at + 1)) this.nextLine++;
    }
    if (image.charCodeAt(image.length - 1) === 10) {
      this.nextLine++;
      this.nextLineStart = token.startOffset + image.length;
    }
  }

  private syntaxLine(token: IToken): SyntaxLine {
    this.place(token);
    return { token: token.tokenType.name, line: this.tokenLine, column: this.tokenColumn, text: token.image.trimEnd() };
  }

  /** Built once: chevrotain's guidance, since a fresh array of alternatives per OR call
   *  would be allocated for every line of the input. */
  private readonly topItems: IOrAlt<TopItem>[] = [
    { ALT: () => this.framed(this.CONSUME(T.ThreadBanner), "thread") },
    { ALT: () => this.framed(this.CONSUME(T.PathThreadBanner), "thread") },
    { ALT: () => this.framed(this.CONSUME(T.PathBanner), "path") },
    { ALT: () => this.framed(this.CONSUME(T.PacketLine), "packet") },
    { ALT: () => this.framed(this.CONSUME(T.PathSummaryLine), "path-summary") },
    { ALT: () => this.framed(this.CONSUME(T.NoPackets), "no-packets") },
    { ALT: () => this.framed(this.CONSUME(T.LimitWarning), "limit") },
    { ALT: () => this.framed(this.CONSUME(T.Caption), "caption") },
    {
      ALT: () => {
        const header = this.CONSUME(T.RecordHeader);
        const body: IToken[] = [];
        this.MANY2(() => body.push(this.CONSUME(T.BodyLine)));
        return this.ACTION(() => this.record(header, body));
      },
    },
    {
      ALT: () => {
        const token = this.CONSUME2(T.BodyLine);
        return this.ACTION((): TopItem => this.stray(token));
      },
    },
  ];

  private trace = this.RULE("trace", () => {
    const items: TopItem[] = [];
    this.MANY(() => {
      const item = this.OR<TopItem>(this.topItems);
      this.ACTION(() => items.push(item));
    });
    return items;
  });

  private record(headerToken: IToken, body: IToken[]): TopItem {
    const header = this.recordHeader(headerToken);
    const lines = new Array<SyntaxLine>(body.length);
    let trailingBlank = hasTrailingBlank(headerToken);
    for (let i = 0; i < body.length; i++) {
      lines[i] = this.syntaxLine(body[i]);
      trailingBlank ||= hasTrailingBlank(body[i]);
    }
    const raw = this.keepRaw ? this.rawLines(headerToken, header.column, body.length === 0 ? headerToken : body[body.length - 1], trailingBlank) : [];
    return { kind: "record", header, lines, raw, lineCount: this.nextLine - header.line };
  }

  private stray(token: IToken): TopItem {
    const line = this.syntaxLine(token);
    return { kind: "stray", line, raw: this.rawLines(token, line.column, token, hasTrailingBlank(token)) };
  }

  /** `01:48:51:256986: virtio-input`: the time holds no `: `, so the first one separates;
   *  the node name ends at the first blank, and what follows it is `rest`. */
  private recordHeader(token: IToken): SyntaxRecordHeader {
    this.place(token);
    const text = token.image.trimEnd();
    const separator = text.indexOf(": ");
    const after = separator + 2;
    let end = after;
    while (end < text.length && text.charCodeAt(end) !== 32 && text.charCodeAt(end) !== 9) end++;
    const header: SyntaxRecordHeader = { time: text.slice(0, separator), node: text.slice(after, end), line: this.tokenLine, column: this.tokenColumn };
    if (end < text.length) {
      let restAt = end;
      while (text.charCodeAt(restAt) === 32 || text.charCodeAt(restAt) === 9) restAt++;
      header.rest = text.slice(restAt);
      header.restColumn = this.tokenColumn + restAt;
    }
    return header;
  }

  private framed(token: IToken, kind: FramingKind): TopItem {
    return this.ACTION((): TopItem => {
      this.place(token);
      const line = this.tokenLine;
      const column = this.tokenColumn;
      const text = firstLineOf(token.image);
      const raw = this.source.slice(token.startOffset - (column - 1), token.startOffset + text.length).trimEnd();
      if (kind === "caption") return { kind, text: text.trimEnd().replace(/:$/, ""), line, column, raw };
      if (kind === "path-summary") return { kind, text: text.trim(), line, column, raw };
      const groups = shapeGroups(token.tokenType.name, text.trimEnd());
      switch (kind) {
        case "thread":
          return { kind, index: groups[0], name: groups[1], line, column, raw };
        case "path":
          return { kind, index: groups[0], line, column, raw };
        case "packet":
          return { kind, number: groups[0], line, column, raw };
        case "limit":
          return { kind, max: groups[0], line, column, raw };
        case "no-packets":
          return { kind, line, column, raw };
      }
    }) as TopItem;
  }

  /** The lines from `first`'s line to `last`'s, as written but for trailing blanks: one
   *  slice, split once. */
  private rawLines(first: IToken, firstColumn: number, last: IToken, trailingBlank: boolean): string[] {
    const start = first.startOffset - (firstColumn - 1);
    const lines = this.source.slice(start, last.startOffset + last.image.length - 1).split("\n");
    return trailingBlank ? lines.map((l) => l.trimEnd()) : lines;
  }
}

/** Whether a line of the token ends in blanks (rare: then the record's lines are trimmed).
 *  Every token ends with its newline; only multi-line ones hold others. */
function hasTrailingBlank(token: IToken): boolean {
  const image = token.image;
  const beforeNewline = image.charCodeAt(image.length - 2);
  if (beforeNewline === 32 || beforeNewline === 9 || beforeNewline === 160) return true;
  return T.MULTI_LINE_TOKENS.has(token.tokenType) && /[^\S\n]\n/.test(image);
}

function firstLineOf(image: string): string {
  const end = image.indexOf("\n");
  return end === -1 ? image : image.slice(0, end);
}

/** The one parser instance: chevrotain parsers are costly to build and cheap to reuse. */
export const traceParser = new TraceParser();
