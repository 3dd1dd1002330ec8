/**
 * The ACL plugin's verdicts (acl-plugin-{in,out}-ip4-{fa,l2}), as the trace prints them:
 * 3 when the packet hits an existing session, otherwise the attached ACL decides — 2
 * (permit and reflect: a session is created) for a reflective ACL, 1 for a permitting one.
 * (0, deny, follows from policy rules, which the model does not hold: a deny is always
 * reported as such by the acl-action invariant.)
 *
 * Sessions are kept per interface. VPP keys a session by the 5-tuple as it was seen at the
 * interface's input; at the output the packet's tuple is reversed before the lookup
 * (acl_make_5tuple_session_key), so a session made by a packet entering an interface lets
 * the replies leave by it, and later packets of the same direction enter by it.
 * The L3 and L2 nodes of one interface share its sessions.
 */
import type { AclAttachment } from "./types.js";

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

/** 1 permit, 2 permit and reflect, 3 existing session. */
export type AclAction = 1 | 2 | 3;

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

/** The verdict of `acl` for a packet, given whether it hits a session of the interface. */
export function aclVerdict(acl: AclAttachment, sessionHit: boolean): AclVerdict {
  if (sessionHit) return { action: 3, why: `${acl.name}: a session of this connection exists on the interface` };
  if (acl.reflective) return { action: 2, why: `${acl.name}: no session yet, so it permits and reflects (${acl.why})` };
  return { action: 1, why: `${acl.name}: no session, it permits (${acl.why})` };
}
