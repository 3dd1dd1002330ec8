/**
 * Building blocks of expected paths, each a stretch of the graph the packet-flow guide
 * describes: entering VPP from a pod TAP, from tap0 or from the GbE; the NAT stages; the
 * routing lookup; leaving to a pod TAP, to tap0, into the VXLAN bridge domain, or out of the
 * GbE. Scenario files put them together.
 */
import type { Cluster, ClusterNode, ClusterPod } from "../dataplanes/contiv/cluster.js";
import type { ExpectedHop, HopExpectation, NatExpectation } from "../model/expectation.js";

const exactPatterns = new Map<string, string>();
/** The pattern of exactly this node name; node names are few, paths are built per packet. */
function exact(name: string): string {
  let pattern = exactPatterns.get(name);
  if (pattern === undefined) exactPatterns.set(name, (pattern = `^${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`));
  return pattern;
}
const POD_TAP_OUTPUT = "^tap\\d+-output$";
const TAP_INPUT = "^(?:virtio-input|tapcli-rx)$";
const NIC_INPUT = "^(?:dpdk|af-packet|af_xdp|avf|rdma|vmxnet3|memif)-input$";

export function hop(node: string, at: string, expect: HopExpectation = {}, options: { optional?: boolean; pattern?: string } = {}): ExpectedHop {
  return { node, pattern: options.pattern ?? exact(node), optional: options.optional ?? false, at, expect };
}

/** The pod as the path sees it: its TAP name and sw_if_index when the cluster file says. */
export interface PodSide {
  ip: string;
  node: ClusterNode;
  pod?: ClusterPod;
}

const podPolicies = (side: PodSide): boolean => side.pod?.policies ?? true;

export function natHops(kind: "out2in" | "in2out" | "in2out-output", nat: NatExpectation, at: string): ExpectedHop[] {
  if (kind === "out2in") return [hop("nat44-out2in", at, { nat })];
  const base = kind === "in2out" ? "nat44-in2out" : "nat44-in2out-output";
  // The fast path hands a packet it has no session for to the slow path; later packets
  // of a connection may be translated by the fast path alone.
  return [hop(base, at, { nat }), hop(`${base}-slowpath`, at, { nat }, { optional: true })];
}

export function routing(at: string): ExpectedHop[] {
  return [hop("ip4-lookup", at), hop("ip4-load-balance", at, {}, { optional: true })];
}

export function fromPodTap(side: PodSide, ttl: number, nat: ExpectedHop[], who: string): ExpectedHop[] {
  const at = `${who} pod TAP`;
  const hops = [hop("virtio-input", at, {}, { pattern: TAP_INPUT }), hop("ethernet-input", at), hop("ip4-input", at, { ttl })];
  if (podPolicies(side)) hops.push(hop("acl-plugin-in-ip4-fa", `reflective ACL on the ${at}`, { aclAction: 2, aclSwIfIndex: side.pod?.swIfIndex }));
  return [...hops, ...nat];
}

export function fromTap0(cluster: Cluster, ttl: number, nat: ExpectedHop[]): ExpectedHop[] {
  const hops = [hop("virtio-input", "tap0", {}, { pattern: TAP_INPUT }), hop("ethernet-input", "tap0"), hop("ip4-input", "tap0", { ttl })];
  if (cluster.globalAcl) hops.push(hop("acl-plugin-in-ip4-fa", "reflective ACL on tap0", { aclAction: 2 }));
  return [...hops, ...nat];
}

/** A VXLAN packet from another node, decapsulated into bridge domain 1 and routed from loop0. */
export function fromVxlan(cluster: Cluster, node: ClusterNode, innerTtl: number | undefined, innerNat: NatExpectation): ExpectedHop[] {
  const gbe = node.mainInterface;
  const hops = [
    hop("dpdk-input", gbe, {}, { pattern: NIC_INPUT }),
    hop("ethernet-input", gbe, {}, { optional: true }),
    hop("ip4-input", gbe, { ttl: 253, outer: true }),
  ];
  if (cluster.globalAcl) hops.push(hop("acl-plugin-in-ip4-fa", "reflective ACL on the GbE", { aclAction: 2 }));
  hops.push(
    ...natHops("out2in", { stage: "vxlan-identity-out2in", session: "session" }, "identity mapping for VXLAN"),
    hop("ip4-lookup", gbe),
    hop("ip4-local", gbe),
    hop("ip4-udp-lookup", gbe),
    hop("vxlan4-input", "VXLAN tunnel", { vni: cluster.ipam.vxlanVni }),
    hop("l2-input", "bridge domain"),
    hop("l2-fwd", "bridge domain"),
    hop("ip4-input", "loop0", { ttl: innerTtl }),
  );
  if (cluster.globalAcl) hops.push(hop("acl-plugin-in-ip4-fa", "reflective ACL on loop0", { aclAction: 2 }));
  return [...hops, ...natHops("in2out", innerNat, "loop0")];
}

export function fromInternet(cluster: Cluster, node: ClusterNode, nat: NatExpectation): ExpectedHop[] {
  const gbe = node.mainInterface;
  const hops = [hop("dpdk-input", gbe, {}, { pattern: NIC_INPUT }), hop("ethernet-input", gbe, {}, { optional: true }), hop("ip4-input", gbe)];
  if (cluster.globalAcl) hops.push(hop("acl-plugin-in-ip4-fa", "reflective ACL on the GbE", { aclAction: 2 }));
  return [...hops, ...natHops("out2in", nat, "GbE")];
}

export function toPodTap(side: PodSide, ttl: number | undefined, aclAction: number, who: string): ExpectedHop[] {
  const tap = side.pod?.tap;
  const at = `${who} pod TAP`;
  const egress = { egress: tap, egressSwIfIndex: side.pod?.swIfIndex };
  const hops = [hop("ip4-rewrite", at, egress)];
  if (podPolicies(side)) hops.push(hop("acl-plugin-out-ip4-fa", `egress ACL on the ${at}`, { aclAction, aclSwIfIndex: side.pod?.swIfIndex }));
  hops.push(hop(tap === undefined ? "tap*-output" : `${tap}-output`, at, { ttl, ...egress }, { pattern: POD_TAP_OUTPUT }));
  return hops;
}

export function toTap0(cluster: Cluster, ttl: number, aclAction: number): ExpectedHop[] {
  const hops = [hop("ip4-rewrite", "tap0", { egress: "tap0" })];
  if (cluster.globalAcl) hops.push(hop("acl-plugin-out-ip4-fa", "global ACL on tap0", { aclAction }));
  return [...hops, hop("tap0-output", "tap0", { ttl, egress: "tap0" })];
}

/** Out through loop0 into bridge domain 1, VXLAN-encapsulated and sent out of the GbE. */
export function toVxlan(cluster: Cluster, node: ClusterNode, innerTtl: number, aclAction: number): ExpectedHop[] {
  const gbe = node.mainInterface;
  const hops = [hop("ip4-rewrite", "loop0", { egress: "loop0" })];
  if (cluster.globalAcl) hops.push(hop("acl-plugin-out-ip4-fa", "global ACL on loop0", { aclAction }));
  hops.push(hop("loop0-output", "loop0", { ttl: innerTtl, egress: "loop0" }), hop("l2-input", "bridge domain"), hop("l2-input-classify", "bridge domain", {}, { optional: true }));
  if (cluster.globalAcl) hops.push(hop("acl-plugin-in-ip4-l2", "reflective ACL on loop0", { aclAction: 2 }));
  hops.push(
    hop("l2-fwd", "bridge domain"),
    hop("l2-output", "bridge domain"),
    hop("vxlan4-encap", "VXLAN tunnel", { vni: cluster.ipam.vxlanVni }),
    hop("ip4-load-balance", gbe, { ttl: 254, outer: true }, { pattern: "^ip4-(?:load-balance|lookup)$" }),
    hop("ip4-rewrite", gbe, { egress: gbe }),
  );
  // Encapsulated traffic is always permitted by the GbE's global ACL.
  if (cluster.globalAcl) hops.push(hop("acl-plugin-out-ip4-fa", "global ACL on the GbE", { aclAction: 1 }));
  hops.push(
    ...natHops("in2out-output", { stage: "vxlan-identity-in2out-output", session: "session" }, "identity mapping for VXLAN"),
    hop(`${gbe}-output`, gbe, { ttl: 253, outer: true, egress: gbe }),
    hop(`${gbe}-tx`, gbe, { ttl: 253, outer: true, egress: gbe }, { optional: true }),
  );
  return hops;
}

export function toInternet(cluster: Cluster, node: ClusterNode, ttl: number, nat: NatExpectation): ExpectedHop[] {
  const gbe = node.mainInterface;
  const hops = [hop("ip4-rewrite", gbe, { egress: gbe })];
  if (cluster.globalAcl) hops.push(hop("acl-plugin-out-ip4-fa", "global ACL on the GbE", { aclAction: 1 }));
  return [
    ...hops,
    ...natHops("in2out-output", nat, "SNAT on the GbE"),
    hop(`${gbe}-output`, gbe, { ttl, egress: gbe }),
    hop(`${gbe}-tx`, gbe, { ttl, egress: gbe }, { optional: true }),
  ];
}
