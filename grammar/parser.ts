/**
 * The `show trace` parser: framing (threads, `Packet N`, captions, record headers) and the
 * grouping of body lines into shared shapes (IPv4 header, L4 header, hex dump).
 *
 * Every token is accepted somewhere — a line that fits no shape is free text of the
 * current record, or stray text outside one — so parsing never fails; what the text
 * *means* and whether it is acceptable is decided in src/trace.
 * Built with embedded actions (no CST) and one instance reused for every input.
 */
import { EmbeddedActionsParser, type IToken } from "chevrotain";
import * as T from "./tokens.js";
import { shapeGroups } from "./shapes.js";
import type { SyntaxBlock, SyntaxLine, SyntaxRecordHeader, TopItem } from "./syntax.js";

class TraceParser extends EmbeddedActionsParser {
  /** The text being parsed, to recover each line's indentation for `raw`. */
  private source = "";

  constructor() {
    super(T.allTokens, { maxLookahead: 2, recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  /** `firstLine`: the line number of the text's first line (for a stream cut into pieces). */
  parseTokens(tokens: IToken[], source: string, firstLine = 1): TopItem[] {
    this.source = source;
    numberLines(tokens, firstLine);
    this.input = tokens;
    const items = this.trace();
    this.source = "";
    return items;
  }

  private trace = this.RULE("trace", () => {
    const items: TopItem[] = [];
    this.MANY(() => {
      const item = this.SUBRULE(this.topItem);
      this.ACTION(() => items.push(item));
    });
    return items;
  });

  private topItem = this.RULE("topItem", (): TopItem => {
    return this.OR<TopItem>({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.framed(this.CONSUME(T.ThreadBanner), "thread") },
        { ALT: () => this.framed(this.CONSUME(T.PathThreadBanner), "thread") },
        { ALT: () => this.framed(this.CONSUME(T.PathBanner), "path") },
        { ALT: () => this.framed(this.CONSUME(T.PacketLine), "packet") },
        { ALT: () => this.framed(this.CONSUME(T.NoPackets), "no-packets") },
        { ALT: () => this.framed(this.CONSUME(T.LimitWarning), "limit") },
        { GATE: () => this.captionAhead(), ALT: () => this.SUBRULE(this.caption) },
        { ALT: () => this.SUBRULE(this.record) },
        { ALT: () => ({ kind: "stray", block: this.SUBRULE(this.bodyBlock) }) as TopItem },
      ],
    });
  });

  private caption = this.RULE("caption", (): TopItem => {
    const text = this.CONSUME(T.TextLine);
    this.CONSUME(T.DashLine);
    return this.ACTION(() => {
      const line = this.syntaxLine(text);
      return { kind: "caption", text: line.text.replace(/:$/, ""), line: line.line, column: line.column, raw: line.raw };
    });
  });

  private record = this.RULE("record", (): TopItem => {
    const headerToken = this.CONSUME(T.RecordHeader);
    const blocks: SyntaxBlock[] = [];
    this.MANY({
      GATE: () => !this.captionAhead(),
      DEF: () => {
        const block = this.SUBRULE(this.bodyBlock);
        this.ACTION(() => blocks.push(block));
      },
    });
    return this.ACTION(() => ({ kind: "record", header: this.recordHeader(headerToken), blocks }) as TopItem);
  });

  private bodyBlock = this.RULE("bodyBlock", (): SyntaxBlock => {
    return this.OR<SyntaxBlock>([
      { ALT: () => this.SUBRULE(this.ip4Header) },
      { ALT: () => this.SUBRULE(this.l4Header) },
      { ALT: () => this.SUBRULE(this.hexDump) },
      { ALT: () => this.block("line", [this.CONSUME(T.BodyLine)]) },
    ]);
  });

  /** `TCP: a -> b` / [version line] / `tos …, ttl …` / `fragment id …` (later lines optional:
   *  excerpts cut traces anywhere). */
  private ip4Header = this.RULE("ip4Header", (): SyntaxBlock => {
    const tokens = [this.CONSUME(T.Ip4Summary)];
    this.OPTION(() => tokens.push(this.CONSUME(T.Ip4Version)));
    this.OPTION2(() => tokens.push(this.CONSUME(T.Ip4Tos)));
    this.OPTION3(() => tokens.push(this.CONSUME(T.Ip4Fragment)));
    return this.block("ip4", tokens);
  });

  /** `TCP: 39820 -> 8080` + seq/flags/window lines, or `UDP: 50038 -> 4789` + length line. */
  private l4Header = this.RULE("l4Header", (): SyntaxBlock => {
    const tokens = [this.CONSUME(T.L4Ports)];
    this.OPTION(() => tokens.push(this.CONSUME(T.TcpSeq)));
    this.OPTION2(() => tokens.push(this.CONSUME(T.TcpFlags)));
    this.OPTION3(() => tokens.push(this.CONSUME(T.TcpWindow)));
    this.OPTION4(() => tokens.push(this.CONSUME(T.UdpLength)));
    return this.block("l4", tokens);
  });

  private hexDump = this.RULE("hexDump", (): SyntaxBlock => {
    const tokens: IToken[] = [];
    this.AT_LEAST_ONE(() => tokens.push(this.CONSUME(T.HexDumpLine)));
    return this.block("hexdump", tokens);
  });

  private captionAhead(): boolean {
    return this.LA(1).tokenType === T.TextLine && this.LA(2).tokenType === T.DashLine;
  }

  private block(shape: SyntaxBlock["shape"], tokens: IToken[]): SyntaxBlock {
    return this.ACTION(() => ({ shape, lines: tokens.map((t) => this.syntaxLine(t)) })) as SyntaxBlock;
  }

  private framed(token: IToken, kind: "thread" | "path" | "packet" | "no-packets" | "limit"): TopItem {
    return this.ACTION((): TopItem => {
      const { line, column, raw } = this.syntaxLine(token);
      const groups = shapeGroups(token.tokenType.name, raw.slice(column - 1));
      switch (kind) {
        case "thread":
          return { kind, index: Number(groups[0]), name: groups[1], line, column, raw };
        case "path":
          return { kind, index: Number(groups[0]), line, column, raw };
        case "packet":
          return { kind, number: Number(groups[0]), line, column, raw };
        case "limit":
          return { kind, max: Number(groups[0]), line, column, raw };
        case "no-packets":
          return { kind, line, column, raw };
      }
    }) as TopItem;
  }

  private recordHeader(token: IToken): SyntaxRecordHeader {
    const { line, column, raw } = this.syntaxLine(token);
    const [time, node] = shapeGroups("RecordHeader", raw.slice(column - 1));
    return { time, node, line, column, raw };
  }

  private syntaxLine(token: IToken): SyntaxLine {
    const column = token.startColumn!;
    const raw = this.source.slice(token.startOffset - (column - 1), token.startOffset + token.image.length).trimEnd();
    return { token: token.tokenType.name, line: token.startLine!, column, raw, text: raw.slice(column - 1) };
  }
}

/** Line and column of every token, from offsets: each token ends with its line's newline
 *  (but the glued limit warning), and skipped indentation sits between a line's start and
 *  its token. */
function numberLines(tokens: IToken[], firstLine: number): void {
  let line = firstLine;
  let lineStart = 0;
  for (const token of tokens) {
    token.startLine = line;
    token.startColumn = token.startOffset - lineStart + 1;
    if (token.image.endsWith("\n")) {
      line++;
      lineStart = token.startOffset + token.image.length;
    }
  }
}

/** The one parser instance: chevrotain parsers are costly to build and cheap to reuse. */
export const traceParser = new TraceParser();
