/**
 * The syntax of a `--filter` expression: pcap-filter's (`man pcap-filter`) primitives —
 * `[protocol] [direction] [type] value` (`tcp dst port 8080`, `src 10.1.1.3`, `ether host
 * 02:fe:…`, `net 10.1.0.0 mask 255.255.0.0`, `udp`, `not arp`), `len`/`less`/`greater`, a
 * value alone that takes the qualifiers before it (`host A or B`) — and vpptrace's own
 * (`node`, `thread`, `tcp-flags`, `verdict`, `rule`, `scenario`, `drop`, `nat`), joined by
 * `and`, `or`, `not` and parentheses, `and` binding tighter than `or`. Recognises only: the
 * values are judged (an address, a port, a verdict) in src/filter, which knows what they
 * mean. Errors come back as data, in our words, with the column where the expression
 * stopped making sense; parsing never throws. One lexer and one parser instance, reused.
 */
import { EmbeddedActionsParser, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import * as F from "./filter-tokens.js";

/** A value as written and where: the column (1-based) of its first character. */
export interface FilterWord {
  text: string;
  column: number;
}

export type FilterDirection = "src" | "dst" | "src or dst" | "src and dst";

/** A primitive. `keyword` is its type (`host`, `port`, `len`, `node`…) or, for a protocol
 *  standing alone, the protocol (`tcp`); empty for a value alone (`implied`), which takes the
 *  qualifiers of the primitive before it. */
export interface FilterTerm {
  kind: "term";
  keyword: string;
  /** `tcp` of `tcp port 80`, `ether` of `ether host …`. */
  proto?: string;
  direction?: FilterDirection;
  value?: FilterWord;
  /** `mask 255.255.0.0` after `net A`. */
  mask?: FilterWord;
  /** `<=` of `len <= 100`. */
  compare?: string;
  implied?: boolean;
  column: number;
}

export type FilterSyntax = { kind: "and" | "or"; left: FilterSyntax; right: FilterSyntax } | { kind: "not"; operand: FilterSyntax } | FilterTerm;

export interface FilterSyntaxError {
  column: number;
  message: string;
}

export type ParsedFilter = { syntax: FilterSyntax; error?: undefined } | { syntax?: undefined; error: FilterSyntaxError };

const column = (token: IToken): number => token.startOffset + 1;
const TERMS = "a term such as host 10.1.1.3, tcp port 80, src net 10.1.0.0/16, ip, node ip4-*, verdict violates, or a '('";
const TYPE_WORDS = "host, net, port or portrange";

/** Only the keyword's name is copied out of a token: no slice of the expression is kept. */
const word = (token: IToken): FilterWord => ({ text: token.image, column: column(token) });

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
        { ALT: () => this.SUBRULE(this.protocolTerm) },
        { ALT: () => this.SUBRULE(this.qualified) },
        { ALT: () => this.SUBRULE(this.lengthTerm) },
        { ALT: () => this.SUBRULE(this.ownValued) },
        ...F.OWN_BARE.map((type) => ({ ALT: () => this.bare(this.CONSUME(type)) })),
      ],
      ERR_MSG: `expected ${TERMS}`,
    }),
  );

  /** `tcp`, `ip`, `vxlan` alone, or before a direction or type: `tcp dst port 80`. */
  private readonly protocolTerm = this.RULE("protocolTerm", (): FilterSyntax => {
    const proto = this.OR(F.PROTOCOLS.map((type) => ({ ALT: () => this.CONSUME(type) })));
    const rest = this.OPTION(() => this.SUBRULE(this.qualified));
    return this.ACTION(() => (rest === undefined ? this.bare(proto) : { ...(rest as FilterTerm), proto: proto.image, column: column(proto) }));
  });

  /** `src 10.1.1.3`, `dst port 53`, `src or dst net 10.1.0.0/16`, `host A`, `net A mask M`,
   *  and a value alone (`B` of `host A or B`): what is not written comes from the primitive
   *  before it, in src/filter. */
  private readonly qualified = this.RULE("qualified", (): FilterTerm => {
    const direction = this.OPTION(() => this.SUBRULE(this.direction));
    const type = this.OPTION2(() => this.SUBRULE(this.type));
    // A message naming what came before: this runs on the real input, the words are there.
    const after = typeof type?.image === "string" ? type.image : direction?.text;
    const value = this.CONSUME(F.Word, { ERR_MSG: `expected a value (an address, a network, a port)${after === undefined ? "" : ` after '${after}'`}` });
    const mask = this.OPTION3(() => {
      this.CONSUME(F.Mask);
      return this.CONSUME2(F.Word, { ERR_MSG: "expected a netmask after 'mask', e.g. 255.255.0.0" });
    });
    return this.ACTION(() => {
      const term: FilterTerm = { kind: "term", keyword: type?.image ?? "", value: word(value), column: column(value) };
      if (type !== undefined) term.column = column(type);
      if (direction !== undefined) Object.assign(term, { direction: direction.text, column: direction.column });
      if (type === undefined) term.implied = true;
      if (mask !== undefined) term.mask = word(mask);
      return term;
    });
  });

  /** `src`, `dst`, `src or dst`, `src and dst` (pcap-filter's `or`/`and` between two
   *  directions, not between two terms). */
  private readonly direction = this.RULE("direction", (): { text: FilterDirection; column: number } => {
    const first = this.OR([{ ALT: () => this.CONSUME(F.Src) }, { ALT: () => this.CONSUME(F.Dst) }]);
    const second = this.OPTION(() => {
      const join = this.OR2([{ ALT: () => this.CONSUME(F.Or) }, { ALT: () => this.CONSUME(F.And) }]);
      const other = this.OR3([{ ALT: () => this.CONSUME2(F.Src) }, { ALT: () => this.CONSUME2(F.Dst) }]);
      return `${join.image === "and" || join.image === "&&" ? "and" : "or"} ${other.image}`;
    });
    return { text: (second === undefined ? first.image : `${first.image} ${second}`) as FilterDirection, column: column(first) };
  });

  private readonly type = this.RULE("type", (): IToken => this.OR({ DEF: F.TYPES.map((t: TokenType) => ({ ALT: () => this.CONSUME(t) })), ERR_MSG: `expected ${TYPE_WORDS}` }));

  /** `len <= 100`, `less 100`, `greater 1000`. */
  private readonly lengthTerm = this.RULE("lengthTerm", (): FilterTerm =>
    this.OR({
      DEF: [
        {
          ALT: () => {
            const len = this.CONSUME(F.Len);
            const compare = this.CONSUME(F.Compare, { ERR_MSG: "expected a comparison after 'len': <, <=, >, >=, = or !=" });
            const value = this.CONSUME(F.Word, { ERR_MSG: `expected a length in bytes after '${compare.image}'` });
            return { kind: "term", keyword: "len", compare: compare.image, value: word(value), column: column(len) } as FilterTerm;
          },
        },
        { ALT: () => this.valued(this.OR2([{ ALT: () => this.CONSUME(F.Less) }, { ALT: () => this.CONSUME(F.Greater) }])) },
      ],
      ERR_MSG: "expected len, less or greater",
    }),
  );

  /** `node ip4-*`, `verdict violates`, `tcp-flags syn`: vpptrace's terms and their value. */
  private readonly ownValued = this.RULE("ownValued", (): FilterTerm => this.valued(this.OR({ DEF: F.OWN_VALUED.map((type) => ({ ALT: () => this.CONSUME(type) })), ERR_MSG: `expected ${TERMS}` })));

  private valued(keyword: IToken): FilterTerm {
    const value = this.CONSUME4(F.Word, { ERR_MSG: `expected a value after '${keyword.image}'` });
    return { kind: "term", keyword: keyword.image, value: word(value), column: column(keyword) };
  }

  private bare(keyword: IToken): FilterTerm {
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
