/**
 * Syntax of `vppctl show trace` text: normalise, lex, parse into a SyntaxTree.
 * Never throws on bad input: every line lands in some item of the tree.
 */
import { normalizeTraceText } from "./normalize.js";
import { traceLexer } from "./lexer.js";
import { traceParser } from "./parser.js";
import type { SyntaxTree } from "./syntax.js";

export type { SyntaxLine, SyntaxRecordHeader, SyntaxTree, TopItem } from "./syntax.js";
export { normalizeTraceText } from "./normalize.js";
export { shapeGroups, shapeMatch } from "./shapes.js";

export interface ParsedSyntax extends SyntaxTree {
  /** Normalisations applied to the input (CRLF, BOM, ANSI), for a warning. */
  fixes: string[];
}

/** `keepRaw: false` leaves records' raw lines out (see ParseOptions.fieldsOnly). */
export function parseTraceSyntax(input: string, firstLine = 1, keepRaw = true): ParsedSyntax {
  const { text, fixes } = normalizeTraceText(input);
  const lexed = traceLexer.tokenize(text);
  const items = traceParser.parseTokens(lexed.tokens, text, firstLine, keepRaw);
  let lineCount = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineCount++;
  return { items, lineCount, fixes };
}
