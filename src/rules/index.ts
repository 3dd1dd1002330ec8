/** The rule table, sorted by id. Adding a rule means one file and one line here. */
import { aclAction } from "./acl-action.js";
import { drop } from "./drop.js";
import { hexdump } from "./hexdump.js";
import { ip4Checksum } from "./ip4-checksum.js";
import { natTranslation } from "./nat-translation.js";
import { pktInfo } from "./pkt-info.js";
import { ttlDecrement } from "./ttl-decrement.js";
import type { Rule } from "./types.js";

export const invariantRules: Rule[] = [aclAction, drop, hexdump, ip4Checksum, natTranslation, pktInfo, ttlDecrement];

export { checkPackets, selectRules, UnknownRuleError, type CheckOptions } from "./engine.js";
export type { Rule, RuleContext, RuleMeta } from "./types.js";
