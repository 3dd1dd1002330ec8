/**
 * A string's own copy. Substrings and concatenations of a parsed piece keep the whole piece
 * (64 KB or more of trace text) alive in V8; what outlives a piece — findings, the connection
 * table, the cross-node index — keeps copies instead, so memory stays flat on long streams.
 */
export function own(text: string): string {
  // Slicing a concatenation makes V8 flatten it into a new string first: the result
  // points into that copy, not into the piece `text` came from. (Far cheaper than a round
  // trip through a Buffer.)
  return ` ${text}`.slice(1);
}

const names = new Map<string, string>();

/** One shared copy per distinct name (node and file names repeat on every packet), so what
 *  is kept per packet does not hold a copy of each. Bounded: a malformed input may name
 *  any number of nodes. */
export function ownName(name: string): string {
  let copy = names.get(name);
  if (copy === undefined) {
    if (names.size >= 4096) names.clear();
    names.set(name, (copy = own(name)));
  }
  return copy;
}
