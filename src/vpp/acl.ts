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
 *
 * ICMP is keyed by type and code where TCP and UDP have ports (the trace's 5-tuple line:
 * `proto 1 … port 8 -> 0`), and a session makes its reverse entry only for a query type,
 * keyed by the type of its answer (acl plugin session_inlines.h,
 * `reverse_l4_u64_slowpath_valid`: icmp4_valid_new / icmp4_invmap): an echo request's
 * session lets the reply back, an echo reply's lets no request through. Seen on 26.06: the
 * second echo request of a ping leaves the server's interface by the egress ACL's rules
 * (action 1), not by the session its first reply made there on input.
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
  /** An ICMP message's type (8 echo request, 0 echo reply), which the ACL plugin keys it by. */
  icmpType?: number;
}

export type AclDirection = "input" | "output";

/** 0 deny, 1 permit, 2 permit and reflect, 3 existing session. */
export type AclAction = 0 | 1 | 2 | 3;

/** ICMP query types and the types of their answers (echo, timestamp, information, address
 *  mask), as the ACL plugin's icmp4_invmap pairs them. */
const ICMP_ANSWER: ReadonlyMap<number, number> = new Map([[8, 0], [13, 14], [15, 16], [17, 18]]);

/** An ICMP session's entries: the packet's own key where it was seen, and for a query the
 *  answer's key in the other direction (the addresses swapped). ICMP codes are 0 for these. */
function icmpKeys(node: string, iface: string, direction: AclDirection, t: FiveTuple): string[] {
  const own = `${node}|${iface}|1|${direction}|${t.src}>${t.dst}|type ${t.icmpType ?? "?"}`;
  const answer = t.icmpType === undefined ? undefined : ICMP_ANSWER.get(t.icmpType);
  if (answer === undefined) return [own];
  return [own, `${node}|${iface}|1|${direction === "input" ? "output" : "input"}|${t.dst}>${t.src}|type ${answer}`];
}

const sessionKey = (node: string, iface: string, direction: AclDirection, t: FiveTuple): string => {
  if (t.proto === 1) return icmpKeys(node, iface, direction, t)[0];
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
    if (tuple.proto === 1) for (const key of icmpKeys(node, iface, direction, tuple)) this.keys.add(key);
    else this.keys.add(sessionKey(node, iface, direction, tuple));
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
