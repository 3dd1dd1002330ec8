/**
 * The tables that outlive a packet (connections, packets waiting for their other half on
 * another node) are bounded, since a capture may hold any number of connections. When one
 * is full its oldest quarter goes (Maps and Sets iterate in insertion order): those are the
 * entries least likely to be asked for again. How many went is counted, for a warning: an
 * entry let go may still have been needed, and the user must know the check was narrower.
 */
export const MAX_TABLE_ENTRIES = 1 << 16;

/**
 * Makes room in `table` when it holds `max` entries; returns how many entries went. The
 * rest are put back into the emptied table rather than the oldest deleted: V8 keeps a
 * deleted entry's slot until the table grows, and a table that filled up again after
 * deletions grew to twice the room its entries need.
 */
export function makeRoom(table: Map<unknown, unknown> | Set<unknown>, max = MAX_TABLE_ENTRIES): number {
  if (table.size < max) return 0;
  const going = max >> 2;
  // A Set's entries are [key, key]: one copy serves both kinds of table.
  const kept = [...table.entries()].slice(going);
  table.clear();
  for (const [key, value] of kept) {
    if (table instanceof Map) table.set(key, value);
    else table.add(key);
  }
  return going;
}
