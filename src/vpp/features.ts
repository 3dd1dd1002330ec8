/**
 * The feature nodes an interface's configuration enables on each arc, in VPP's order
 * (acl-plugin before NAT on ip4-unicast; acl-plugin-out before nat44-in2out-output on
 * ip4-output). NAT's node on ip4-unicast follows from the interface's role: outside only →
 * nat44-out2in, inside only → nat44-in2out, both → nat44-classify, which hands each packet
 * to one of the two (VPP before 19.x does not trace nat44-classify itself).
 */
import type { Known, VppInterface } from "./types.js";

export type NatFeature = "out2in" | "in2out" | "classify" | "out2in-or-classify";

/** The NAT feature on the ip4-unicast arc of `iface`, if any. */
export function natInputFeature(iface: VppInterface): NatFeature | undefined {
  const role = iface.nat44;
  if (role === undefined) return undefined;
  const inside: Known = role.inside;
  if (role.outside && inside === true) return "classify";
  if (role.outside && inside === "unknown") return "out2in-or-classify";
  if (role.outside) return "out2in";
  return inside === false ? undefined : "in2out";
}

export const hasOutputNat = (iface: VppInterface): boolean => iface.nat44?.outputFeature === true;

/** An ACL that is attached, or may be. */
export const attachedAcl = (iface: VppInterface, direction: "input" | "output") => {
  const acl = iface.acl[direction];
  return acl === undefined || acl.attached === false ? undefined : acl;
};
