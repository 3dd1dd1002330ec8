/**
 * egress: the packet leaves by the interface its expected path says — a pod's TAP, tap0,
 * loop0 into the VXLAN bridge domain, or the GbE — as ip4-rewrite and the
 * `<if>-output`/`<if>-tx` nodes name it, towards the next hop the FIB gives (`ipv4 via …`);
 * sw_if_index too where the description gives it.
 */
import type { NodeRecord } from "../model/trace.js";
import type { Rule } from "./types.js";

function leavesBy(record: NodeRecord): { name?: string; swIfIndex?: number; via?: string } {
  const { rewrite, output } = record.fields;
  if (rewrite !== undefined) return { name: rewrite.interface, swIfIndex: rewrite.txSwIfIndex, via: rewrite.via };
  return { name: output?.interface ?? record.node.replace(/-(?:output|tx)$/, "") };
}

export const egress: Rule = {
  meta: { kind: "expectation", id: "egress", description: "the packet leaves by the interface and towards the next hop its expected path says (pod TAP, tap0, loop0, GbE)", severity: "error" },
  reads: ["rewrite", "output"],
  check({ packet, expectation, report }) {
    if (expectation === undefined) return;
    const what = `the ${expectation.scenario} ${expectation.direction}`;
    packet.records.forEach((record, i) => {
      const hop = expectation.alignment.hops[i];
      if (hop === undefined) return;
      const { egress: name, egressSwIfIndex: swIfIndex, via } = hop.expect;
      const actual = leavesBy(record);
      if (name !== undefined && actual.name !== undefined && actual.name !== name) {
        report({ record, expected: name, actual: actual.name, message: `${what} should leave by ${name} (${hop.at}), not ${actual.name}: ${hop.why[0]}` });
      } else if (swIfIndex !== undefined && actual.swIfIndex !== undefined && actual.swIfIndex !== swIfIndex) {
        report({ record, expected: `tx_sw_if_index ${swIfIndex}`, actual: `tx_sw_if_index ${actual.swIfIndex}`, message: `${hop.at} is sw_if_index ${swIfIndex} in the cluster description` });
      }
      if (via !== undefined && actual.via !== undefined && actual.via !== via) {
        report({ record, expected: `via ${via}`, actual: `via ${actual.via}`, message: `${what} should be forwarded to ${via}: ${hop.why.slice(0, 2).join("; ")}` });
      }
    });
  },
};
