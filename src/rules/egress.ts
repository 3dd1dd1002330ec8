/**
 * egress: the packet leaves by the interface its scenario says — the server's or client's
 * pod TAP, tap0, loop0 into the VXLAN bridge domain, or the GbE — as ip4-rewrite and the
 * `<if>-output`/`<if>-tx` nodes name it; sw_if_index too where the cluster file gives it.
 */
import type { NodeRecord } from "../model/trace.js";
import type { Rule } from "./types.js";

function leavesBy(record: NodeRecord): { name?: string; swIfIndex?: number } {
  const { rewrite, output } = record.fields;
  if (rewrite !== undefined) return { name: rewrite.interface, swIfIndex: rewrite.txSwIfIndex };
  return { name: output?.interface ?? record.node.replace(/-(?:output|tx)$/, "") };
}

export const egress: Rule = {
  meta: { kind: "scenario", id: "egress", description: "the packet leaves by the interface its scenario says (pod TAP, tap0, loop0, GbE)", severity: "error" },
  check({ packet, expectation, report }) {
    if (expectation === undefined) return;
    packet.records.forEach((record, i) => {
      const hop = expectation.alignment.hops[i];
      if (hop?.expect.egress === undefined && hop?.expect.egressSwIfIndex === undefined) return;
      const actual = leavesBy(record);
      const { egress: name, egressSwIfIndex: swIfIndex } = hop.expect;
      if (name !== undefined && actual.name !== undefined && actual.name !== name) {
        report({ record, expected: name, actual: actual.name, message: `the ${expectation.scenario} ${expectation.direction} should leave by ${name} (${hop.at}), not ${actual.name}` });
      } else if (swIfIndex !== undefined && actual.swIfIndex !== undefined && actual.swIfIndex !== swIfIndex) {
        report({ record, expected: `tx_sw_if_index ${swIfIndex}`, actual: `tx_sw_if_index ${actual.swIfIndex}`, message: `the ${hop.at} is sw_if_index ${swIfIndex} in the cluster description` });
      }
    });
  },
};
