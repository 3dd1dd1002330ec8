/**
 * path: the packet crosses the graph nodes its scenario says, in order (optional ones such
 * as ip4-load-balance or a NAT slow path may be absent). The first divergence is reported:
 * an unexpected node, or a trace that ends before a required one.
 */
import type { Rule } from "./types.js";

export const path: Rule = {
  meta: { kind: "scenario", id: "path", description: "the packet crosses the graph nodes of its scenario's expected path, in order", severity: "error" },
  check({ packet, expectation, report }) {
    const divergence = expectation?.alignment.divergence;
    if (expectation === undefined || divergence === undefined) return;
    const record = packet.records[divergence.recordIndex];
    const where = expectation.role === "node" ? expectation.k8sNode : `the ${expectation.role}`;
    if (divergence.kind === "unexpected" && divergence.hop === divergence.after) {
      report({ record, expected: `nothing after ${divergence.hop.node}`, actual: record.node, message: `the ${expectation.scenario} ${expectation.direction} on ${where} should end at ${divergence.hop.node}, not go on to ${record.node}` });
      return;
    }
    const after = divergence.after === undefined ? "" : ` after ${divergence.after.node}`;
    const what = `the ${expectation.scenario} ${expectation.direction} on ${where} should go through ${divergence.hop.node} (${divergence.hop.at})${after}`;
    report({
      record,
      expected: divergence.hop.node,
      actual: divergence.kind === "missing" ? `trace ends at ${record.node}` : record.node,
      message: divergence.kind === "missing" ? `${what}, but the trace ends before it` : `${what}, not ${record.node}`,
    });
  },
};
