/**
 * Line and column of a character of a token, for findings to point at a value itself: a
 * multi-line token's text keeps its inner line breaks and its later lines' indentation,
 * and its first line starts at the token's column.
 */
import type { SyntaxLine } from "../../grammar/index.js";

export function positionIn(line: SyntaxLine, index: number): { line: number; column: number } {
  let breaks = 0;
  let start = 0;
  for (let i = line.text.indexOf("\n"); i !== -1 && i < index; i = line.text.indexOf("\n", i + 1)) {
    breaks++;
    start = i + 1;
  }
  return { line: line.line + breaks, column: breaks === 0 ? line.column + index : index - start + 1 };
}
