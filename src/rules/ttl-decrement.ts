/**
 * ttl-decrement: every L3 forwarding step (ip4-rewrite) lowers the IPv4 TTL by exactly one,
 * and nothing else changes it. Each flow (src, dst, IP id) is followed on its own, so the
 * VXLAN outer header (254 → 253 on the encapsulating node) is checked apart from the inner
 * packet.
 * Packets VPP originates itself keep their TTL (see locally-originated.ts).
 */
import { describeFlow, flowKey, type HeaderView } from "../trace/headers.js";
import { expectedTtl, type PacketExpectation, type TtlExpectation } from "../model/expectation.js";
import { locallyOriginatedFlows } from "./locally-originated.js";
import type { Rule, RuleContext } from "./types.js";
import { printedValueAt, viewValueAt } from "./value-at.js";

interface FlowState {
  last: HeaderView;
  /** ip4-rewrite records seen since `last` that printed no header of their own (pre-17.04). */
  pendingRewrites: number;
}

/** Where an expected TTL comes from, in words: `one less than the 64 it entered with`. */
function because(ttl: TtlExpectation, basis: PacketExpectation["ttlBasis"]): string {
  if (ttl.basis === "set") return "the TTL VXLAN encapsulation writes into the outer header, less one per ip4-rewrite since";
  const base = ttl.basis === "entered" ? `the ${basis.entered} it entered with` : `the ${basis.arrived} it arrived with`;
  if (ttl.value === 0) return `${base}`;
  const less = -ttl.value;
  return `${less === 1 ? "one" : less} ${ttl.value < 0 ? "less" : "more"} than ${base}`;
}

/** Against the expected path: relative to the TTL the packet entered the cluster with
 *  (one less per ip4-rewrite), to the outer TTL as it arrived from the underlay, or the
 *  value VPP sets itself (254 on VXLAN encapsulation). */
function checkExpectedTtl({ packet, expectation, report }: RuleContext): void {
  if (expectation === undefined) return;
  packet.records.forEach((record, i) => {
    const hop = expectation.alignment.hops[i];
    if (hop?.expect.ttl === undefined) return;
    const expected = expectedTtl(hop.expect.ttl, expectation.ttlBasis);
    // Printed headers only: the rewrite's hex dump is the invariant part's to judge.
    const actual = record.fields.ip4?.ttl;
    if (expected === undefined || actual === undefined || actual === expected) return;
    const outer = hop.expect.outer ? "VXLAN outer " : "";
    report({
      record,
      at: printedValueAt(record.fields.ip4, "ttl"),
      expected: `ttl ${expected}`,
      actual: `ttl ${actual}`,
      message: `the ${outer}TTL at ${record.node} should be ${expected} (${because(hop.expect.ttl, expectation.ttlBasis)}) in the ${expectation.scenario} ${expectation.direction} on ${expectation.k8sNode}`,
    });
  });
}

function viewsByPosition(views: HeaderView[]): Map<number, HeaderView[]> {
  const byPosition = new Map<number, HeaderView[]>();
  for (const v of views) {
    const list = byPosition.get(v.position);
    if (list === undefined) byPosition.set(v.position, [v]);
    else list.push(v);
  }
  return byPosition;
}

export const ttlDecrement: Rule = {
  meta: { kind: "invariant", usesExpectation: true, id: "ttl-decrement", description: "each ip4-rewrite lowers the IPv4 TTL by exactly one, nothing else changes it, and it has the value the expected path gives relative to what entered", severity: "error" },
  reads: ["ip4", "hexdump", "buffer"],
  check(context) {
    checkExpectedTtl(context);
    const { packet, views, report } = context;
    const local = locallyOriginatedFlows(packet, views);
    const flows = new Map<string, FlowState>();
    let lastKey: string | undefined;
    const byPosition = viewsByPosition(views);
    packet.records.forEach((record, position) => {
      const here = byPosition.get(position) ?? [];
      if (record.kind === "ip4-rewrite" && !here.some((v) => v.rewritten) && lastKey !== undefined) {
        flows.get(lastKey)!.pendingRewrites++;
      }
      for (const view of here) {
        const key = flowKey(view);
        const state = flows.get(key);
        lastKey = key;
        if (state === undefined || view.ttl === undefined || state.last.ttl === undefined) {
          flows.set(key, { last: view, pendingRewrites: 0 });
          continue;
        }
        const steps = state.pendingRewrites + (view.rewritten ? 1 : 0);
        const expected = local.has(key) ? state.last.ttl : state.last.ttl - steps;
        if (view.ttl !== expected) {
          report({
            record: record,
            at: viewValueAt(view, "ttl"),
            expected: `ttl ${expected}`,
            actual: `ttl ${view.ttl}`,
            message:
              steps === 0
                ? `the TTL of ${describeFlow(view)} changed from ${state.last.ttl} at ${state.last.record.node} with no ip4-rewrite in between`
                : `ip4-rewrite should lower the TTL of ${describeFlow(view)} by one per forwarding step, from ${state.last.ttl} at ${state.last.record.node}`,
          });
        }
        flows.set(key, { last: view, pendingRewrites: 0 });
      }
    });
  },
};
