/**
 * The tables that outlive a packet (connections, packets waiting for their other half on
 * another node) are bounded, since a capture may hold any number of connections. When one
 * is full its oldest quarter goes (Maps and Sets iterate in insertion order): those are the
 * entries least likely to be asked for again. How many went is counted, for a warning: an
 * entry let go may still have been needed, and the user must know the check was narrower.
 */
export const MAX_TABLE_ENTRIES = 1 << 16;

/** Makes room in `table` when it holds `max` entries; returns how many entries went. */
export function makeRoom(table: Map<unknown, unknown> | Set<unknown>, max = MAX_TABLE_ENTRIES): number {
  if (table.size < max) return 0;
  const going = max >> 2;
  let left = going;
  for (const key of table.keys()) {
    if (left-- === 0) break;
    table.delete(key);
  }
  return going;
}
