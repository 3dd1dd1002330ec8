/**
 * The dump parser: a preamble of lines before the first prompt, then sections, each a
 * prompt line and the lines up to the next prompt. Every token is accepted somewhere, so
 * parsing never fails; which commands are known and what their lines say is decided by
 * the command readers (commands.ts and one reader per command family). Embedded actions,
 * one instance reused for every input.
 */
import { EmbeddedActionsParser, type IToken } from "chevrotain";
import { Newline, PromptLine, showTokens, TextLine } from "./tokens.js";

/** One line of output, with its 1-based line number in the file. */
export interface ShowLine {
  text: string;
  line: number;
}

export interface RawSection {
  /** The prompt line as typed, without the prompt (`show ip fib table 0`). */
  command: string;
  /** The line of the prompt. */
  line: number;
  /** Column (1-based) where the command starts, after the prompt. */
  column: number;
  body: ShowLine[];
}

export interface RawDump {
  /** Lines before the first prompt (a plain trace, a heading, a usage line). */
  preamble: ShowLine[];
  sections: RawSection[];
}

const PROMPT = /^(?:[$#][ \t]+)?(?:(?:DBG)?vpp#|(?:.*?[ \t])?vppctl(?:[ \t]+-\S+(?:[ \t]+[^\s-]\S*)?)*)[ \t]*/;

class ShowParser extends EmbeddedActionsParser {
  private line = 1;

  constructor() {
    super(showTokens, { maxLookahead: 1, recoveryEnabled: false, skipValidations: true });
    this.performSelfAnalysis();
  }

  parseTokens(tokens: IToken[], firstLine: number): RawDump {
    this.line = firstLine;
    this.input = tokens;
    return this.dump();
  }

  private readonly textLine = this.RULE("textLine", (): ShowLine => {
    const at = this.line;
    return this.OR([
      {
        ALT: () => {
          const text = this.CONSUME(TextLine).image;
          this.OPTION(() => {
            this.CONSUME(Newline);
            this.ACTION(() => this.line++);
          });
          return { text, line: at };
        },
      },
      {
        ALT: () => {
          this.CONSUME2(Newline);
          this.ACTION(() => this.line++);
          return { text: "", line: at };
        },
      },
    ]);
  });

  private readonly section = this.RULE("section", (): RawSection => {
    const prompt = this.CONSUME(PromptLine).image;
    const line = this.line;
    const body: ShowLine[] = [];
    this.OPTION(() => {
      this.CONSUME(Newline);
      this.ACTION(() => this.line++);
    });
    this.MANY(() => {
      const l = this.SUBRULE(this.textLine);
      this.ACTION(() => body.push(l!));
    });
    const skipped = PROMPT.exec(prompt)?.[0].length ?? 0;
    return { command: prompt.slice(skipped).trim(), line, column: skipped + 1, body };
  });

  readonly dump = this.RULE("dump", (): RawDump => {
    const preamble: ShowLine[] = [];
    const sections: RawSection[] = [];
    this.MANY(() => {
      const l = this.SUBRULE(this.textLine);
      this.ACTION(() => preamble.push(l!));
    });
    this.MANY2(() => {
      const s = this.SUBRULE(this.section);
      this.ACTION(() => sections.push(s));
    });
    return { preamble, sections };
  });
}

export const showParser = new ShowParser();
