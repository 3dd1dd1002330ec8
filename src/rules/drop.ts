/**
 * drop: a packet that reaches error-drop/drop, or whose trace ends before it was sent out
 * (an `-output`/`-tx` node) or delivered to VPP itself, is reported with the reason.
 * A drop right after an ACL deny is acl-action's finding (it names the ACL and rule), so it
 * is not reported twice; a drop the expected path foresees (the FIB drops the destination)
 * is no finding. Without an expected path — no model says where the packet should have gone
 * (an address outside the plan, no cluster file, no TCP or UDP) — a drop (an ARP glean,
 * `ip4-not-enabled`) or a trace that ends early is reported as what VPP did, for
 * information: it is no violation of a plan nobody gave.
 */
import type { NodeRecord } from "../model/trace.js";
import type { Report, Rule } from "./types.js";

const DROP_NODES = /^(?:error-drop|drop|ip[46]-drop|error-punt)$/;
/** Where a packet's trace may legitimately end without an output node: handed to another
 *  thread, or consumed by VPP's own stack (ping, ARP, local sessions). */
const FINAL_NODES = /(?:handoff|^ip[46]-(?:local|receive|icmp-echo-request)$|^arp-(?:input|reply)$|^ip[46]-punt|^session-queue|^tcp[46]-|^udp[46]-input)/;

function dropReason(record: NodeRecord): string {
  const drop = record.fields.drop;
  if (drop === undefined) return record.node;
  return [drop.node, drop.reason].filter(Boolean).join(": ") || (drop.rxInterface ? `rx ${drop.rxInterface}` : record.node);
}

/** Whether the drop at `i` follows an ACL deny: the record before it, past the drop nodes
 *  newer releases chain (error-drop `rx:<if>`, then drop with the counter). */
function deniedByAcl(records: NodeRecord[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && DROP_NODES.test(records[j].node)) j--;
  return j >= 0 && records[j].fields.acl?.action === 0;
}

export const drop: Rule = {
  meta: { kind: "invariant", usesExpectation: true, id: "drop", description: "the packet is neither dropped nor lost before an output, tx or local delivery node, unless its expected path drops it there; without an expected path, a drop is reported for information", severity: "error" },
  reads: ["drop", "acl"],
  check({ packet, expectation, report: reportAgainstModel }) {
    if (packet.records.length === 0) return;
    const report = expectation === undefined ? (r: Report) => reportAgainstModel({ ...r, severity: "info", message: `${r.message} (no model says where it should have gone: not judged)` }) : reportAgainstModel;
    // A drop the configuration causes (a destination nothing routes) is the expected path's.
    const expectedDrop = (i: number): boolean => expectation?.alignment.hops[i]?.expect.drop !== undefined;
    const dropped = packet.records.filter((r, i) => DROP_NODES.test(r.node) && !deniedByAcl(packet.records, i) && !expectedDrop(i));
    if (packet.records.some((r) => DROP_NODES.test(r.node))) {
      if (dropped.length === 0) return;
      const reason = dropped.map(dropReason).join("; ");
      // Where the expected path went on instead, and the configuration that says so.
      const at = packet.records.indexOf(dropped[0]);
      const hops = expectation?.alignment.hops ?? [];
      const hop = expectation?.alignment.divergence?.hop ?? hops.slice(0, at).filter((h) => h !== undefined).pop();
      const instead = hop === undefined ? "" : `; the configuration expects ${expectation?.alignment.divergence === undefined ? "the packet to go on after " : ""}${hop.node} at ${hop.at}: ${hop.why[0]}`;
      report({ record: dropped[0], expected: "the packet is forwarded", actual: `dropped (${reason})`, message: `VPP dropped the packet at ${dropped[0].node}: ${reason}${instead}` });
      return;
    }
    const last = packet.records[packet.records.length - 1];
    if (last.kind === "output" || last.kind === "tx" || FINAL_NODES.test(last.node)) return;
    report({
      record: last,
      expected: "an -output/-tx node or local delivery",
      actual: `trace ends at ${last.node}`,
      message: `the packet's trace ends at ${last.node} before it was sent out or delivered: it was lost or the capture is truncated`,
    });
  },
};
