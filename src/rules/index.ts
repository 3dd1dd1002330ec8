/** The rule table, sorted by id. Adding a rule means one file and one line here. */
import { aclAction } from "./acl-action.js";
import { drop } from "./drop.js";
import { egress } from "./egress.js";
import { hexdump } from "./hexdump.js";
import { ingress } from "./ingress.js";
import { ip4Checksum } from "./ip4-checksum.js";
import { natSession } from "./nat-session.js";
import { natTranslation } from "./nat-translation.js";
import { path } from "./path.js";
import { pktInfo } from "./pkt-info.js";
import { rewriteMac } from "./rewrite-mac.js";
import { ttlDecrement } from "./ttl-decrement.js";
import { vxlan } from "./vxlan.js";
import type { Rule } from "./types.js";

export const allRules: Rule[] = [aclAction, drop, egress, hexdump, ingress, ip4Checksum, natSession, natTranslation, path, pktInfo, rewriteMac, ttlDecrement, vxlan];
export const invariantRules: Rule[] = allRules.filter((r) => r.meta.kind === "invariant");

export { Checker, checkPackets, checkWholeInput, selectRules, UnknownRuleError, type CheckOptions } from "./engine.js";
export type { Rule, RuleContext, RuleMeta } from "./types.js";
