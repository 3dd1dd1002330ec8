/**
 * The syntax of a `--filter` expression: pcap-filter style terms joined by `and`, `or`,
 * `not` and parentheses, `and` binding tighter than `or`. Recognises only: the values are
 * judged (an address, a port, a verdict) in src/filter, which knows what they mean. Errors
 * come back as data with the column where the expression stopped making sense; parsing
 * never throws. One lexer and one parser instance, reused for every expression.
 */
import { EmbeddedActionsParser, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import * as F from "./filter-tokens.js";

/** A value as written and where: the column (1-based) of its first character. */
export interface FilterWord {
  text: string;
  column: number;
}

export type FilterSyntax =
  | { kind: "and" | "or"; left: FilterSyntax; right: FilterSyntax }
  | { kind: "not"; operand: FilterSyntax }
  /** `src host 10.1.1.3`: keyword `host`, direction `src`, value. Bare terms have no value. */
  | { kind: "term"; keyword: string; direction?: "src" | "dst"; value?: FilterWord; column: number };

export interface FilterSyntaxError {
  column: number;
  message: string;
}

export type ParsedFilter = { syntax: FilterSyntax; error?: undefined } | { syntax?: undefined; error: FilterSyntaxError };

const column = (token: IToken): number => token.startOffset + 1;
const TERMS = "a term such as host 10.1.1.3, port 80, tcp, node ip4-*, verdict violates, or a '('";

class FilterParser extends EmbeddedActionsParser {
  constructor() {
    super(F.filterTokens, { maxLookahead: 2, recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  readonly expression = this.RULE("expression", (): FilterSyntax => {
    let left = this.SUBRULE(this.conjunction);
    this.MANY(() => {
      this.CONSUME(F.Or);
      const right = this.SUBRULE2(this.conjunction);
      left = { kind: "or", left, right };
    });
    return left;
  });

  private readonly conjunction = this.RULE("conjunction", (): FilterSyntax => {
    let left = this.SUBRULE(this.unary);
    this.MANY(() => {
      this.CONSUME(F.And);
      const right = this.SUBRULE2(this.unary);
      left = { kind: "and", left, right };
    });
    return left;
  });

  private readonly unary = this.RULE("unary", (): FilterSyntax =>
    this.OR({
      DEF: [
        {
          ALT: () => {
            this.CONSUME(F.Not);
            return { kind: "not", operand: this.SUBRULE(this.unary) };
          },
        },
        { ALT: () => this.SUBRULE(this.primary) },
      ],
      ERR_MSG: `expected ${TERMS}`,
    }),
  );

  private readonly primary = this.RULE("primary", (): FilterSyntax =>
    this.OR({
      DEF: [
        {
          ALT: () => {
            this.CONSUME(F.LParen);
            const inner = this.SUBRULE(this.expression);
            this.CONSUME(F.RParen, { ERR_MSG: "expected ')' to close the '(' before it" });
            return inner;
          },
        },
        { ALT: () => this.SUBRULE(this.directed) },
        { ALT: () => this.SUBRULE(this.valuedTerm) },
        ...F.BARE.map((type) => ({ ALT: () => this.bare(this.CONSUME(type)) })),
      ],
      ERR_MSG: `expected ${TERMS}`,
    }),
  );

  /** `host A`, `node ip4-*`, `verdict violates`: a keyword and its value. */
  private readonly valuedTerm = this.RULE("valuedTerm", (): FilterSyntax => this.valued(this.OR(F.VALUED.map((type) => ({ ALT: () => this.CONSUME(type) })))));

  /** `src host A`, `dst port P`, `src net C`, `dst portrange A-B`. */
  private readonly directed = this.RULE("directed", (): FilterSyntax => {
    const direction = this.OR([{ ALT: () => this.CONSUME(F.Src) }, { ALT: () => this.CONSUME(F.Dst) }]);
    const keyword = this.OR2([F.Host, F.Port, F.PortRange, F.Net].map((type: TokenType) => ({ ALT: () => this.CONSUME2(type) })));
    const term = this.valued(keyword);
    return this.ACTION(() => ({ ...term, direction: direction.image as "src" | "dst", column: column(direction) }));
  });

  private valued(keyword: IToken): FilterSyntax {
    const value = this.CONSUME(F.Word, { ERR_MSG: `expected a value after '${keyword.image}'` });
    return { kind: "term", keyword: keyword.image, value: { text: value.image, column: column(value) }, column: column(keyword) };
  }

  private bare(keyword: IToken): FilterSyntax {
    return { kind: "term", keyword: keyword.image, column: column(keyword) };
  }
}

let parser: FilterParser | undefined;

/** The syntax of `text`, or where and why it is not a filter. */
export function parseFilterSyntax(text: string): ParsedFilter {
  const lexed = F.filterLexer().tokenize(text);
  if (lexed.errors.length > 0) {
    const at = lexed.errors[0].offset;
    return { error: { column: at + 1, message: `unexpected '${text.slice(at, at + lexed.errors[0].length)}'` } };
  }
  if (lexed.tokens.length === 0) return { error: { column: 1, message: `the filter is empty: expected ${TERMS}` } };
  // Built on first use, as the lexer is.
  parser ??= new FilterParser();
  parser.input = lexed.tokens;
  const syntax = parser.expression();
  const error = parser.errors[0];
  if (error !== undefined) return { error: located(error, text) };
  return { syntax };
}

/** Where a recognition error is, and what was found there: past the end, the end. */
function located(error: IRecognitionException, text: string): FilterSyntaxError {
  const token = error.token;
  const atEnd = token.tokenType.name === "EOF" || Number.isNaN(token.startOffset);
  const found = atEnd ? "the end of the filter" : `'${token.image}'`;
  if (error.name === "NotAllInputParsedException") {
    return { column: column(token), message: token.image === ")" ? "')' closes no '('" : `expected 'and' or 'or' between terms, found '${token.image}'` };
  }
  // chevrotain wraps an alternation's message as `Expecting: <ours>\nbut found: …`.
  const expected = error.message.replace(/^Expecting: /, "").replace(/\nbut found:[^]*$/, "");
  return { column: atEnd ? text.length + 1 : column(token), message: `${expected}, found ${found}` };
}
