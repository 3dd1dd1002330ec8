/**
 * The ACL plugin's verdict from an interface's rules, as the state lists them (`show
 * acl-plugin acl`): the ACLs of the interface in order, each ACL's rules in order; the first
 * rule the packet matches decides (deny 0, permit 1, permit+reflect 2); a packet no rule
 * matches is denied (acl_plugin_match_5tuple_inline, src/plugins/acl/public_inlines.h).
 * A packet of a connection with a session on the interface hits it (3) before any rule.
 */
import { inPrefix } from "../model/ip4.js";
import type { FiveTuple } from "./acl.js";
import type { AclAttachment, AclRule } from "./types.js";

export interface RuleVerdict {
  action: 0 | 1 | 2 | 3;
  rule?: AclRule;
  why: string;
}

const inRange = (port: number | undefined, [low, high]: [number, number]): boolean => (port === undefined ? low === 0 && high === 65535 : port >= low && port <= high);

/** Does `rule` match the packet? A port the model does not know (a VXLAN source port, a
 *  hash) matches only a rule open to every port. */
export function ruleMatches(rule: AclRule, t: FiveTuple): boolean {
  if (!inPrefix(t.src, rule.src) || !inPrefix(t.dst, rule.dst)) return false;
  if (rule.proto === 0) return true;
  if (rule.proto !== t.proto) return false;
  if (t.proto !== 6 && t.proto !== 17) return true;
  return inRange(t.srcPort, rule.sport) && inRange(t.dstPort, rule.dport);
}

export function ruleVerdict(acl: AclAttachment & { rules: AclRule[] }, t: FiveTuple, sessionHit: boolean): RuleVerdict {
  if (sessionHit) return { action: 3, why: `${acl.name}: a session of this connection exists on the interface, so no rule is evaluated` };
  const rule = acl.rules.find((r) => ruleMatches(r, t));
  if (rule === undefined) return { action: 0, why: `${acl.name}: no rule matches, and the ACL plugin denies what none permits (${acl.why})` };
  const verb = rule.action === 0 ? "denies" : rule.action === 2 ? "permits and reflects (a session is created)" : "permits";
  return { action: rule.action, rule, why: `acl ${rule.acl} rule ${rule.index} ${verb}: ${rule.why}` };
}
