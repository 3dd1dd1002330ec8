/**
 * Aligning a packet's records with an expected path: walk both in order, letting optional
 * hops be absent; the first record that fills no place, or the first required hop the
 * trace never reaches, is the divergence. After a path that ends in VPP's own stack
 * (`openEnd`), whatever the stack does is not a divergence.
 */
import type { Alignment, ExpectedHop } from "../model/expectation.js";
import type { NodeRecord } from "../model/trace.js";

/** Hop patterns repeat on every packet of a connection: compile each once. */
const compiled = new Map<string, RegExp>();

function fills(hop: ExpectedHop, record: NodeRecord): boolean {
  let re = compiled.get(hop.pattern);
  if (re === undefined) {
    if (compiled.size > 4096) compiled.clear();
    compiled.set(hop.pattern, (re = new RegExp(hop.pattern)));
  }
  return re.test(record.node);
}

export function alignPath(records: NodeRecord[], hops: ExpectedHop[], openEnd = false): Alignment {
  const matched: (ExpectedHop | undefined)[] = new Array(records.length).fill(undefined);
  let next = 0;
  let after: ExpectedHop | undefined;
  let divergence: Alignment["divergence"];
  for (let i = 0; i < records.length; i++) {
    // A worker hand-off moves the packet to another thread and does nothing to it: it fills
    // no hop (a joined packet shows both halves' records, src/trace/handoff.ts).
    if (records[i].kind === "handoff") continue;
    let k = next;
    while (k < hops.length && !fills(hops[k], records[i]) && hops[k].optional) k++;
    if (k < hops.length && fills(hops[k], records[i])) {
      matched[i] = hops[k];
      after = hops[k];
      next = k + 1;
      continue;
    }
    if (openEnd && hops.slice(next).every((h) => h.optional)) break;
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
  // A half that ends handed off goes on on another thread, not captured here.
  const handedOff = records[records.length - 1]?.kind === "handoff";
  const missing = handedOff ? undefined : hops.slice(next).find((h) => !h.optional);
  if (divergence === undefined && missing !== undefined && records.length > 0) divergence = { kind: "missing", recordIndex: records.length - 1, hop: missing, after };
  return divergence === undefined ? { hops: matched } : { hops: matched, divergence };
}
