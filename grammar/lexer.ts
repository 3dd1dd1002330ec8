/**
 * The one lexer instance for `show trace` text, built once per process.
 * `ensureOptimizations` makes chevrotain fail loudly if a token change ever disables the
 * first-character dispatch that keeps lexing fast on large traces.
 */
import { Lexer } from "chevrotain";
import { allTokens } from "./tokens.js";

export const traceLexer = new Lexer(allTokens, {
  positionTracking: "full",
  ensureOptimizations: true,
  // Only LF reaches the lexer (normalize.ts), so only LF needs line accounting.
  lineTerminatorsPattern: /\n/g,
  lineTerminatorCharacters: ["\n"],
});
