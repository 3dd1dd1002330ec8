/**
 * The ACL plugin's verdicts (acl-plugin-{in,out}-ip4-{fa,l2}), as the trace prints them:
 * 3 when the packet hits an existing session, otherwise the attached ACL decides — 0
 * (deny) when a network policy rendered into it denies the packet (a rule that denies, or
 * a policy that selects the packet's pod and has no rule for it), else 2 (permit and
 * reflect: a session is created) for a reflective ACL, 1 for a permitting one.
 *
 * Sessions are kept per interface. VPP keys a session by the 5-tuple as it was seen at the
 * interface's input; at the output the packet's tuple is reversed before the lookup
 * (acl_make_5tuple_session_key), so a session made by a packet entering an interface lets
 * the replies leave by it, and later packets of the same direction enter by it.
 * The L3 and L2 nodes of one interface share its sessions.
 */
import { inPrefix } from "../model/ip4.js";
import type { AclAttachment, AclPolicy, AclPolicyRule } from "./types.js";

export interface FiveTuple {
  proto: number;
  src: string;
  dst: string;
  srcPort?: number;
  dstPort?: number;
  /** Stands for a source port the model cannot know but that one flow keeps (a hash). */
  srcPortKey?: string;
}

export type AclDirection = "input" | "output";

/** 0 deny, 1 permit, 2 permit and reflect, 3 existing session. */
export type AclAction = 0 | 1 | 2 | 3;

const sessionKey = (node: string, iface: string, direction: AclDirection, t: FiveTuple): string => {
  const src = `${t.src}:${t.srcPort ?? t.srcPortKey ?? "?"}`;
  const dst = `${t.dst}:${t.dstPort ?? "?"}`;
  return `${node}|${iface}|${t.proto}|${direction === "input" ? `${src}>${dst}` : `${dst}>${src}`}`;
};

/** The ACL sessions of a cluster's VPP instances. */
export class AclSessions {
  private readonly keys = new Set<string>();

  hit(node: string, iface: string, direction: AclDirection, tuple: FiveTuple): boolean {
    return this.keys.has(sessionKey(node, iface, direction, tuple));
  }

  add(node: string, iface: string, direction: AclDirection, tuple: FiveTuple): void {
    this.keys.add(sessionKey(node, iface, direction, tuple));
  }

  clone(): AclSessions {
    const copy = new AclSessions();
    for (const k of this.keys) copy.keys.add(k);
    return copy;
  }
}

export interface AclVerdict {
  action: AclAction;
  why: string;
}

const matchesPeer = (rule: AclPolicyRule, peer: string): boolean => rule.peers === undefined || rule.peers.some((p) => (p.includes("/") ? inPrefix(peer, p) : p === peer));
const matchesRule = (rule: AclPolicyRule, t: FiveTuple, peer: string): boolean =>
  matchesPeer(rule, peer) && (rule.proto === undefined || rule.proto === t.proto) && (rule.port === undefined || rule.port === t.dstPort);

/** What a policy says of a packet: undefined when it does not select it; the deciding rule's
 *  action, or a deny by default. */
function policyVerdict(policy: AclPolicy, t: FiveTuple): { action: 0 | 1; why: string } | undefined {
  const [self, peer] = policy.direction === "ingress" ? [t.dst, t.src] : [t.src, t.dst];
  if (self !== policy.selects) return undefined;
  const rule = policy.rules.find((r) => matchesRule(r, t, peer));
  if (rule !== undefined) return { action: rule.action, why: `${policy.why}: ${rule.why}` };
  return { action: 0, why: `${policy.why} selects ${self} for ${policy.direction} and no rule allows ${t.src} > ${t.dst}${t.dstPort === undefined ? "" : `:${t.dstPort}`}: denied by default` };
}

/** The policy of `acl` that denies the packet, if one does (every policy that selects it
 *  must allow it: the pod's ingress rules and its peer's egress rules, combined). */
function deniedBy(acl: AclAttachment, t: FiveTuple): string | undefined {
  for (const policy of acl.policies ?? []) {
    const verdict = policyVerdict(policy, t);
    if (verdict?.action === 0) return verdict.why;
  }
  return undefined;
}

/** The verdict of `acl` for a packet, given whether it hits a session of the interface. */
export function aclVerdict(acl: AclAttachment, sessionHit: boolean, tuple?: FiveTuple): AclVerdict {
  if (sessionHit) return { action: 3, why: `${acl.name}: a session of this connection exists on the interface` };
  const denied = tuple === undefined ? undefined : deniedBy(acl, tuple);
  if (denied !== undefined) return { action: 0, why: `${acl.name} denies the packet (${denied})` };
  if (acl.reflective) return { action: 2, why: `${acl.name}: no session yet, so it permits and reflects (${acl.why})` };
  return { action: 1, why: `${acl.name}: no session, it permits (${acl.why})` };
}
