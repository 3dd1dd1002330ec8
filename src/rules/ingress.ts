/**
 * ingress: the packet entered VPP by the interface its expected path says — not one assumed
 * from its source address. The records of its input side name that interface: the
 * sw_if_index of the input ACL (`acl-plugin: sw_if_index 7, …`) and of the input NAT
 * feature (`NAT44_OUT2IN: sw_if_index 7, …`). Each is compared with the interface's
 * sw_if_index where the configuration gives it, and otherwise at least with the indexes the
 * configuration gives the node's other interfaces: a host-to-pod packet whose records name a
 * pod TAP's sw_if_index did not enter by tap0. The device input node's hw_if_index is
 * numbered apart, and no configuration the model reads gives it: it is not compared (and not
 * decoded for this rule).
 */
import type { InputExpectation } from "../model/expectation.js";
import type { NodeRecord } from "../model/trace.js";
import type { Report, Rule } from "./types.js";

/** The sw_if_index a record of the input side names for the interface the packet came in by. */
function namedIndex(record: NodeRecord): number | undefined {
  const { acl, nat } = record.fields;
  if (acl?.direction === "in") return acl.swIfIndex;
  if (nat !== undefined && !nat.output) return nat.swIfIndex;
  return undefined;
}

function compare(record: NodeRecord, named: number, input: InputExpectation, what: string, report: (r: Report) => void): void {
  if (input.swIfIndex !== undefined) {
    if (input.swIfIndex !== named) report({ record, expected: `sw_if_index ${input.swIfIndex}`, actual: `sw_if_index ${named}`, message: `${what} should enter by ${input.at}, sw_if_index ${input.swIfIndex} in the cluster description, not sw_if_index ${named}` });
    return;
  }
  const other = input.others.find((o) => o.swIfIndex === named);
  if (other === undefined) return;
  report({ record, expected: `the sw_if_index of ${input.at}`, actual: `sw_if_index ${named} (${other.at})`, message: `${what} should enter by ${input.at}, but ${record.node} names sw_if_index ${named}, which the cluster description gives ${other.at}` });
}

export const ingress: Rule = {
  meta: { kind: "expectation", id: "ingress", description: "the packet entered by the interface its expected path says, as the sw_if_index of its input ACL and NAT records names it", severity: "error" },
  reads: ["acl", "nat"],
  check({ packet, expectation, report }) {
    if (expectation === undefined) return;
    const what = `the ${expectation.scenario} ${expectation.direction}`;
    packet.records.forEach((record, i) => {
      const input = expectation.alignment.hops[i]?.expect.input;
      const named = input === undefined ? undefined : namedIndex(record);
      if (named !== undefined) compare(record, named, input!, what, report);
    });
  },
};
