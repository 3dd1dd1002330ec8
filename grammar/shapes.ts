/**
 * The fields of a line of a known shape: the capture groups of its token's pattern. Read
 * only for the lines a decoder uses, so lexing itself stays on plain regular expressions.
 */
import { SHAPE_PATTERNS } from "./tokens.js";

export function shapeGroups(token: string, text: string): string[] {
  const match = SHAPE_PATTERNS[token]?.exec(text);
  return match === null || match === undefined ? [] : match.slice(1);
}
