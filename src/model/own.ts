/**
 * A string's own copy. Substrings and concatenations of a parsed piece keep the whole piece
 * (a megabyte of trace text) alive in V8; what outlives a piece — findings, the connection
 * table, the cross-node index — keeps copies instead, so memory stays flat on long streams.
 */
export function own(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}
