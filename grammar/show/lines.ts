/**
 * What every command reader shares: the result shape (data plus located problems), the
 * words of a line with their columns, and tables read by their header — VPP widens and
 * adds columns between releases (`show bridge-domain` gained BSN, Age, arp-ufwd…), so a
 * value is taken from the column whose header it sits under, never from a fixed position.
 */
import type { ShowLine } from "./parser.js";

export interface Problem {
  line: number;
  column: number;
  message: string;
}

export interface Read<T> {
  data: T;
  problems: Problem[];
}

export interface Word {
  text: string;
  start: number;
  end: number;
}

export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/\S+/g)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

export const indentOf = (text: string): number => text.length - text.trimStart().length;

/** A located problem: `expected`, and the line as it was found. */
export function garbled(l: ShowLine, expected: string): Problem {
  return { line: l.line, column: indentOf(l.text) + 1, message: `expected ${expected}, found '${l.text.trim()}'` };
}

/** A table's header: its column names and where each sits on the line. */
export interface Header {
  columns: Word[];
}

export const headerOf = (text: string): Header => ({ columns: words(text) });

/**
 * A row read under its header: each word goes to the column it overlaps most (a value
 * right-aligned under a wide header still overlaps it); a row with exactly as many words
 * as the header has columns is read in order. Returns column name → value.
 */
export function rowByHeader(header: Header, text: string): Map<string, string> {
  const row = words(text);
  const out = new Map<string, string>();
  if (row.length === header.columns.length) {
    row.forEach((w, i) => out.set(header.columns[i].text, w.text));
    return out;
  }
  for (const w of row) {
    let best: Word | undefined;
    let bestScore = -Infinity;
    for (const c of header.columns) {
      const overlap = Math.min(w.end, c.end) - Math.max(w.start, c.start);
      const score = overlap > 0 ? overlap : -Math.min(Math.abs(w.start - c.end), Math.abs(c.start - w.end));
      if (score > bestScore) [best, bestScore] = [c, score];
    }
    if (best !== undefined && !out.has(best.text)) out.set(best.text, w.text);
  }
  return out;
}

/** The value of the first of `names` the row has (headers are renamed between releases). */
export function cell(row: Map<string, string>, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = row.get(n);
    if (v !== undefined) return v;
  }
  return undefined;
}

export const IP4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
export const isIp4 = (s: string): boolean => new RegExp(`^${IP4}$`).test(s);
