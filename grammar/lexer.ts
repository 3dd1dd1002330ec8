/**
 * The one lexer instance for `show trace` text, built once per process.
 * `ensureOptimizations` makes chevrotain fail loudly if a token change ever disables the
 * first-character dispatch that keeps lexing fast on large traces.
 */
import { Lexer } from "chevrotain";
import { allTokens } from "./tokens.js";

export const traceLexer = new Lexer(allTokens, {
  // Offsets only: a token is a line, so the parser numbers lines itself (syntax.ts), and
  // chevrotain's own line accounting would cost a third of the lexing time.
  positionTracking: "onlyOffset",
  ensureOptimizations: true,
  // Only LF reaches the lexer (normalize.ts), so only LF needs line accounting.
  lineTerminatorsPattern: /\n/g,
  lineTerminatorCharacters: ["\n"],
});
