/**
 * acl-action: an ACL that denies (action 0) drops the connection — a violation unless the
 * cluster's policies expect it (a network policy that denies the packet: then the deny and
 * the drop after it are what should happen, and a permit is the violation). An ACL record directly followed by a drop is reported with
 * the ACL and rule that decided it.
 * Actions: 0 deny, 1 permit, 2 permit and reflect (creates a session), 3 existing session.
 */
import { ACL_ACTION_NAMES } from "../model/trace.js";
import type { Rule } from "./types.js";

const DROP_NODES = /^(?:error-drop|drop|ip[46]-drop)$/;

const EXPECTED_WORDS: Record<number, string> = {
  0: "deny the packet (action 0), as a network policy says",
  1: "permit the connection (action 1)",
  2: "allow and reflect the connection (action 2)",
  3: "let the packet through on the reflected session (action 3)",
};

export const aclAction: Rule = {
  meta: { kind: "invariant", usesExpectation: true, id: "acl-action", description: "no ACL denies the packet (action 0), none is followed by a drop, and each has the action the connection's sessions and the ACLs attached give it", severity: "error" },
  reads: ["acl"],
  check({ packet, expectation, report }) {
    packet.records.forEach((record, i) => {
      const acl = record.fields.acl;
      if (acl === undefined || acl.action === undefined) return;
      const next = packet.records[i + 1];
      const where = `${acl.direction === "in" ? "ingress" : "egress"} ACL on sw_if_index ${acl.swIfIndex}`;
      const hop = expectation?.alignment.hops[i];
      const expected = hop?.expect.aclActions;
      if (expected !== undefined && !expected.includes(acl.action) && acl.action !== 0) {
        report({
          record,
          expected: `action ${expected.join(" or ")}`,
          actual: `action ${acl.action}, acl ${acl.acl} rule ${acl.rule}`,
          message: `${record.node} on ${hop!.at} should ${expected.map((a) => EXPECTED_WORDS[a] ?? `take action ${a}`).join(" or ")} in the ${expectation!.scenario} ${expectation!.direction}: ${hop!.why[0]}`,
        });
      } else if (hop?.expect.aclRule !== undefined && acl.action !== 3 && acl.acl !== undefined && (acl.acl !== hop.expect.aclRule.acl || acl.rule !== hop.expect.aclRule.rule)) {
        const rule = hop.expect.aclRule;
        report({ record, expected: `acl ${rule.acl} rule ${rule.rule}`, actual: `acl ${acl.acl} rule ${acl.rule}`, message: `${record.node} on ${hop.at} should be decided by acl ${rule.acl} rule ${rule.rule}: ${hop.why[0]}` });
      } else if (hop?.expect.aclSwIfIndex !== undefined && acl.swIfIndex !== undefined && acl.swIfIndex !== hop.expect.aclSwIfIndex) {
        // An output ACL's interface; an input ACL's is the one the packet entered by (ingress).
        report({ record, expected: `sw_if_index ${hop.expect.aclSwIfIndex}`, actual: `sw_if_index ${acl.swIfIndex}`, message: `${hop.at} is sw_if_index ${hop.expect.aclSwIfIndex} in the cluster description` });
      }
      // A deny the cluster's policies call for, followed by the drop: what should happen.
      if (acl.action === 0 && expected?.includes(0)) return;
      if (acl.action === 0) {
        report({
          record,
          expected: "action 1, 2 or 3 (permit)",
          actual: `action 0 (deny), acl ${acl.acl} rule ${acl.rule}`,
          message: `the ${where} denied the packet by acl ${acl.acl} rule ${acl.rule}${next !== undefined && DROP_NODES.test(next.node) ? ", and it was dropped" : ""}`,
        });
      } else if (acl.action === 0) {
        // A deny the configuration's rules give: the drop after it is the expected path's.
        const rule = hop?.expect.aclRule;
        if (rule !== undefined && acl.acl !== undefined && (acl.acl !== rule.acl || acl.rule !== rule.rule)) {
          report({ record, expected: `acl ${rule.acl} rule ${rule.rule}`, actual: `acl ${acl.acl} rule ${acl.rule}`, message: `${record.node} on ${hop!.at} should be decided by acl ${rule.acl} rule ${rule.rule}: ${hop!.why[0]}` });
        }
      } else if (next !== undefined && DROP_NODES.test(next.node)) {
        report({
          record: next,
          expected: "the packet continues after the ACL",
          actual: `${next.node} after action ${acl.action} (${ACL_ACTION_NAMES[acl.action] ?? "unknown"}), acl ${acl.acl} rule ${acl.rule}`,
          message: `the packet was dropped right after the ${where} (acl ${acl.acl} rule ${acl.rule})`,
        });
      }
    });
  },
};
