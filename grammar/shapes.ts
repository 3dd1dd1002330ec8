/**
 * The fields of a line of a known shape: the capture groups of its token's pattern. Read
 * only for the lines a decoder uses, so lexing itself stays on plain regular expressions.
 */
import { SHAPE_PATTERNS } from "./tokens.js";

export function shapeGroups(token: string, text: string): string[] {
  return shapeMatch(token, text).slice(1);
}

/** The match of a line of a known shape: captures from index 1, as RegExp#exec gives them
 *  (no copy, for the decoders' hot path). Empty when the text is not of that shape. */
export function shapeMatch(token: string, text: string): string[] {
  return SHAPE_PATTERNS[token]?.exec(text) ?? [];
}
