/**
 * drop: a packet that reaches error-drop/drop, or whose trace ends before it was sent out
 * (an `-output`/`-tx` node) or delivered to VPP itself, is reported with the reason.
 * A drop right after an ACL deny is acl-action's finding (it names the ACL and rule), so it
 * is not reported twice; a drop the expected path foresees (the FIB drops the destination)
 * is no finding.
 */
import type { NodeRecord } from "../model/trace.js";
import type { Rule } from "./types.js";

const DROP_NODES = /^(?:error-drop|drop|ip[46]-drop|error-punt)$/;
/** Where a packet's trace may legitimately end without an output node: handed to another
 *  thread, or consumed by VPP's own stack (ping, ARP, local sessions). */
const FINAL_NODES = /(?:handoff|^ip[46]-(?:local|receive|icmp-echo-request)$|^arp-(?:input|reply)$|^ip[46]-punt|^session-queue|^tcp[46]-|^udp[46]-input)/;

function dropReason(record: NodeRecord): string {
  const drop = record.fields.drop;
  if (drop === undefined) return record.node;
  return [drop.node, drop.reason].filter(Boolean).join(": ") || (drop.rxInterface ? `rx ${drop.rxInterface}` : record.node);
}

const deniedByAcl = (previous: NodeRecord | undefined): boolean => previous?.fields.acl?.action === 0;

export const drop: Rule = {
  meta: { kind: "invariant", usesExpectation: true, id: "drop", description: "the packet is neither dropped nor lost before an output, tx or local delivery node, unless its expected path drops it there", severity: "error" },
  reads: ["drop", "acl"],
  check({ packet, expectation, report }) {
    if (packet.records.length === 0) return;
    // A drop the configuration causes (a destination nothing routes) is the expected path's.
    const expectedDrop = (i: number): boolean => expectation?.alignment.hops[i]?.expect.drop !== undefined;
    const dropped = packet.records.filter((r, i) => DROP_NODES.test(r.node) && !deniedByAcl(packet.records[i - 1]) && !expectedDrop(i));
    if (packet.records.some((r) => DROP_NODES.test(r.node))) {
      if (dropped.length === 0) return;
      const reason = dropped.map(dropReason).join("; ");
      // Where the expected path went on instead, and the configuration that says so.
      const at = packet.records.indexOf(dropped[0]);
      const hops = expectation?.alignment.hops ?? [];
      const hop = expectation?.alignment.divergence?.hop ?? hops.slice(0, at).filter((h) => h !== undefined).pop();
      const instead = hop === undefined ? "" : `; the configuration expects ${expectation?.alignment.divergence === undefined ? "the packet to go on after " : ""}${hop.node} at ${hop.at}: ${hop.why[0]}`;
      report({ record: dropped[0], expected: hop === undefined ? "the packet is forwarded" : `the packet is forwarded (${hop.node})`, actual: `dropped (${reason})`, message: `VPP dropped the packet at ${dropped[0].node}: ${reason}${instead}` });
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
