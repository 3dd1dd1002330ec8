/**
 * How the text reports look on a terminal: verdict marks and severities in colour, tables
 * no wider than the terminal. The plain style is what goes to files, pipes and CI logs,
 * where escape codes would be noise and would hide `file:line:column: error:` from parsers.
 */
import type { Verdict } from "../model/findings.js";
import type { Severity } from "../model/trace.js";

export interface TextStyle {
  verdict(text: string, verdict: Verdict): string;
  severity(text: string, severity: Severity): string;
  /** Columns the tables must fit in, when known. */
  width?: number;
}

export const PLAIN: TextStyle = { verdict: (text) => text, severity: (text) => text };

const RED = 31;
const GREEN = 32;
const YELLOW = 33;
const CYAN = 36;
const paint = (code: number, text: string): string => `\u001b[${code}m${text}\u001b[39m`;
const VERDICT_COLOUR: Record<Verdict, number> = { conforms: GREEN, violates: RED, incomplete: RED, unchecked: YELLOW };
const SEVERITY_COLOUR: Record<Severity, number> = { error: RED, warning: YELLOW, info: CYAN };

export const colourStyle = (width?: number): TextStyle => ({
  verdict: (text, verdict) => paint(VERDICT_COLOUR[verdict], text),
  severity: (text, severity) => paint(SEVERITY_COLOUR[severity], text),
  width,
});

/** A plain style that still fits tables to a terminal's width. */
export const fittedStyle = (width?: number): TextStyle => ({ ...PLAIN, width });

/** Narrowest a column is made to fit the width: below it a table is unreadable anyway. */
const MIN_COLUMN = 10;

/**
 * Column widths (cli-table3's, padding included) for rows to fit in `width` columns: each
 * column as wide as its widest cell, then the widest shrunk one at a time (its cells wrap)
 * until the table, borders included, fits — or every column is at the minimum.
 */
export function fitColumns(rows: string[][], width: number): number[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)) + 2);
  const total = (): number => widths.reduce((a, b) => a + b, 0) + widths.length + 1;
  while (total() > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= MIN_COLUMN) break;
    widths[widest]--;
  }
  return widths;
}
