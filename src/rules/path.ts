/**
 * path: the packet crosses the graph nodes of its expected path, in order (optional ones
 * such as ip4-load-balance or a NAT slow path may be absent), on a node its path crosses.
 * The first divergence is reported: an unexpected node, or a trace that ends before a
 * required one, with the configuration that made the expected hop.
 */
import type { Rule } from "./types.js";

export const path: Rule = {
  meta: { kind: "expectation", id: "path", description: "the packet crosses the graph nodes of its expected path, in order, on a node that path crosses", severity: "error" },
  reads: [],
  check({ packet, expectation, report }) {
    if (expectation === undefined || packet.records.length === 0) return;
    if (expectation.offPath !== undefined) {
      const crossed = expectation.expected.paths.map((p) => p.k8sNode).join(", ");
      report({ record: packet.records[0], expected: `the packet on ${crossed}`, actual: `captured on ${expectation.k8sNode}`, message: expectation.offPath });
      return;
    }
    const divergence = expectation.alignment.divergence;
    if (divergence === undefined) return;
    const record = packet.records[divergence.recordIndex];
    const where = expectation.role === "node" ? expectation.k8sNode : `the ${expectation.role}`;
    const what = `the ${expectation.scenario} ${expectation.direction} on ${where}`;
    if (divergence.kind === "unexpected" && divergence.hop === divergence.after) {
      report({ record, expected: `nothing after ${divergence.hop.node}`, actual: record.node, message: `${what} should end at ${divergence.hop.node} (it ${expectation.expected.outcome}), not go on to ${record.node}` });
      return;
    }
    const after = divergence.after === undefined ? "" : ` after ${divergence.after.node}`;
    const should = `${what} should go through ${divergence.hop.node} (${divergence.hop.at})${after}`;
    const why = divergence.hop.why.length === 0 ? "" : ` — ${divergence.hop.why[0]}`;
    report({
      record,
      expected: divergence.hop.node,
      actual: divergence.kind === "missing" ? `trace ends at ${record.node}` : record.node,
      message: divergence.kind === "missing" ? `${should}, but the trace ends before it${why}` : `${should}, not ${record.node}${why}`,
    });
  },
};
