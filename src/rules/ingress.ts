/**
 * ingress: the packet entered VPP by the interface its expected path says — not one assumed
 * from its source address. The records of its input side name that interface: the
 * sw_if_index of the input ACL (`acl-plugin: sw_if_index 7, …`) and of the input NAT
 * feature (`NAT44_OUT2IN: sw_if_index 7, …`), the hw_if_index of the device input node
 * (`virtio: hw_if_index 7 …`). Each is compared with the interface's index where the
 * configuration gives it, and otherwise at least with the indexes the configuration gives
 * the node's other interfaces: a host-to-pod packet whose records name a pod TAP's
 * sw_if_index did not enter by tap0.
 */
import type { InputExpectation } from "../model/expectation.js";
import type { NodeRecord } from "../model/trace.js";
import type { Report, Rule } from "./types.js";

/** The index a record names for the interface the packet came in by, and which index it is. */
function namedIndex(record: NodeRecord): { kind: "sw_if_index" | "hw_if_index"; value: number } | undefined {
  const { acl, nat, input } = record.fields;
  if (acl?.direction === "in" && acl.swIfIndex !== undefined) return { kind: "sw_if_index", value: acl.swIfIndex };
  if (nat !== undefined && !nat.output) return { kind: "sw_if_index", value: nat.swIfIndex };
  if (input?.hwIfIndex !== undefined) return { kind: "hw_if_index", value: input.hwIfIndex };
  return undefined;
}

function compare(record: NodeRecord, named: NonNullable<ReturnType<typeof namedIndex>>, input: InputExpectation, what: string, report: (r: Report) => void): void {
  const expected = named.kind === "sw_if_index" ? input.swIfIndex : input.hwIfIndex;
  if (expected !== undefined) {
    if (expected !== named.value) report({ record, expected: `${named.kind} ${expected}`, actual: `${named.kind} ${named.value}`, message: `${what} should enter by ${input.at}, ${named.kind} ${expected} in the cluster description, not ${named.kind} ${named.value}` });
    return;
  }
  // hw_if_index and sw_if_index are numbered apart: only a sw_if_index names another interface.
  const other = named.kind === "sw_if_index" ? input.others.find((o) => o.swIfIndex === named.value) : undefined;
  if (other === undefined) return;
  report({ record, expected: `the sw_if_index of ${input.at}`, actual: `sw_if_index ${named.value} (${other.at})`, message: `${what} should enter by ${input.at}, but ${record.node} names sw_if_index ${named.value}, which the cluster description gives ${other.at}` });
}

export const ingress: Rule = {
  meta: { kind: "expectation", id: "ingress", description: "the packet entered by the interface its expected path says, as the sw_if_index of its input ACL and NAT records and the hw_if_index of its device input node name it", severity: "error" },
  reads: ["acl", "nat", "input"],
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
