/**
 * The one lexer instance for `show trace` text, built once per process.
 * `ensureOptimizations` makes chevrotain fail loudly if a token change ever disables the
 * first-character dispatch that keeps lexing fast on large traces.
 */
import { Lexer, type ILexerConfig } from "chevrotain";
import { allTokens } from "./tokens.js";

export const LEXER_CONFIG: ILexerConfig = {
  // Offsets only: a token is a line, so the parser numbers lines itself (syntax.ts), and
  // chevrotain's own line accounting would cost a third of the lexing time.
  positionTracking: "onlyOffset",
  ensureOptimizations: true,
  // Only LF reaches the lexer (normalize.ts), so only LF needs line accounting.
  lineTerminatorsPattern: /\n/g,
  lineTerminatorCharacters: ["\n"],
};

// The token table's validations take a fifth of a short run's start-up and can only fail
// when tokens.ts changes: the grammar tests build the lexer with them (LEXER_CONFIG).
export const traceLexer = new Lexer(allTokens, { ...LEXER_CONFIG, skipValidations: true });
