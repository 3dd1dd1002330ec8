/**
 * Aligning a packet's records with an expected path: walk both in order, letting optional
 * hops be absent; the first record that fills no place, or the first required hop the
 * trace never reaches, is the divergence.
 */
import type { Alignment, ExpectedHop } from "../model/expectation.js";
import type { NodeRecord } from "../model/trace.js";

/** Hop patterns repeat on every packet of a scenario: compile each once. */
const compiled = new Map<string, RegExp>();

function fills(hop: ExpectedHop, record: NodeRecord): boolean {
  let re = compiled.get(hop.pattern);
  if (re === undefined) compiled.set(hop.pattern, (re = new RegExp(hop.pattern)));
  return re.test(record.node);
}

export function alignPath(records: NodeRecord[], hops: ExpectedHop[]): Alignment {
  const matched: (ExpectedHop | undefined)[] = new Array(records.length).fill(undefined);
  let next = 0;
  let after: ExpectedHop | undefined;
  let divergence: Alignment["divergence"];
  for (let i = 0; i < records.length; i++) {
    let k = next;
    while (k < hops.length && !fills(hops[k], records[i]) && hops[k].optional) k++;
    if (k < hops.length && fills(hops[k], records[i])) {
      matched[i] = hops[k];
      after = hops[k];
      next = k + 1;
      continue;
    }
    // A divergence: report the first, then resynchronise so later records still find
    // their places (a record no later hop fits stays without one).
    const expected = hops.slice(next).find((h) => !h.optional) ?? hops[Math.min(next, hops.length - 1)];
    divergence ??= { kind: "unexpected", recordIndex: i, hop: expected, after };
    const later = hops.findIndex((h, j) => j >= next && fills(h, records[i]));
    if (later !== -1) {
      matched[i] = hops[later];
      after = hops[later];
      next = later + 1;
    }
  }
  const missing = hops.slice(next).find((h) => !h.optional);
  if (divergence === undefined && missing !== undefined) divergence = { kind: "missing", recordIndex: records.length - 1, hop: missing, after };
  return divergence === undefined ? { hops: matched } : { hops: matched, divergence };
}
