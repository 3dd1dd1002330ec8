/**
 * acl-action: an ACL that denies (action 0) drops the connection — a violation unless the
 * cluster's policies expect it. An ACL record directly followed by a drop is reported with
 * the ACL and rule that decided it.
 * Actions: 0 deny, 1 permit, 2 permit and reflect (creates a session), 3 existing session.
 */
import type { Rule } from "./types.js";

const ACTION_NAMES = ["deny", "permit", "permit+reflect", "session hit"];
const DROP_NODES = /^(?:error-drop|drop|ip[46]-drop)$/;

export const aclAction: Rule = {
  meta: { id: "acl-action", description: "no ACL denies the packet (action 0) and no ACL verdict is followed by a drop", severity: "error" },
  check({ packet, report }) {
    packet.records.forEach((record, i) => {
      const acl = record.fields.acl;
      if (acl === undefined || acl.action === undefined) return;
      const next = packet.records[i + 1];
      const where = `${acl.direction === "in" ? "ingress" : "egress"} ACL on sw_if_index ${acl.swIfIndex}`;
      if (acl.action === 0) {
        report({
          record,
          expected: "action 1, 2 or 3 (permit)",
          actual: `action 0 (deny), acl ${acl.acl} rule ${acl.rule}`,
          message: `the ${where} denied the packet by acl ${acl.acl} rule ${acl.rule}${next !== undefined && DROP_NODES.test(next.node) ? ", and it was dropped" : ""}`,
        });
      } else if (next !== undefined && DROP_NODES.test(next.node)) {
        report({
          record: next,
          expected: "the packet continues after the ACL",
          actual: `${next.node} after action ${acl.action} (${ACTION_NAMES[acl.action] ?? "unknown"}), acl ${acl.acl} rule ${acl.rule}`,
          message: `the packet was dropped right after the ${where} (acl ${acl.acl} rule ${acl.rule})`,
        });
      }
    });
  },
};
