/**
 * What an address is in a Contiv/VPP cluster: a pod on node N, the host stack of node N,
 * a node's own VPP address (its node IP, tap0, loop0), a node's virtual pod gateway, a
 * service VIP, or outside the cluster. Without a cluster file only Contiv's address plan is
 * known: an address outside it is `unknown` (host stack or Internet?), never guessed; a node
 * the plan implies (10.1.N.x → node N) is derived from its id, and `described` says whether
 * the description has it.
 */
import { own } from "../../model/own.js";
import type { Cluster, ClusterNode, ClusterPod, ClusterService } from "./cluster.js";
import { nodeFromId } from "./defaults.js";
import { inPrefix, offsetIn } from "../../model/ip4.js";
import { natLoopback } from "./render.js";

export type AddressRole =
  | { kind: "pod"; node: ClusterNode; pod?: ClusterPod }
  | { kind: "host"; node: ClusterNode }
  | { kind: "vpp"; node: ClusterNode; what: "node IP" | "tap0" | "loop0" }
  | { kind: "gateway"; node: ClusterNode; what: "virtual pod gateway" | "NAT loopback" }
  | { kind: "vip"; service?: ClusterService }
  | { kind: "external" }
  | { kind: "unknown" };

/** Nodes derived from an id, per cluster: the same few are asked for on every packet. */
const derivedNodes = new WeakMap<Cluster, Map<number, ClusterNode>>();

/** Node N of the plan: the described one, or one derived from its id. */
export function nodeById(cluster: Cluster, id: number): ClusterNode {
  const described = cluster.nodes.find((n) => n.id === id);
  if (described !== undefined) return described;
  let derived = derivedNodes.get(cluster);
  if (derived === undefined) derivedNodes.set(cluster, (derived = new Map()));
  let node = derived.get(id);
  if (node === undefined) derived.set(id, (node = nodeFromId(cluster.ipam, `node-${id}`, id)));
  return node;
}

export const isDescribed = (cluster: Cluster, node: ClusterNode): boolean => cluster.nodes.includes(node);

/** Index of the per-node subnet an address falls in (10.1.N.x → N). */
function subnetIndex(ip: string, cidr: string, perNode: number): number | undefined {
  const offset = offsetIn(ip, cidr);
  return offset === undefined ? undefined : offset >>> (32 - perNode);
}

/** The id of the node Contiv's address plan gives `ip` to, if any. */
export function planNodeId(cluster: Cluster, ip: string): number | undefined {
  const { ipam } = cluster;
  const candidates = [
    subnetIndex(ip, ipam.podSubnetCIDR, ipam.podSubnetOneNodePrefixLen),
    subnetIndex(ip, ipam.vppHostSubnetCIDR, ipam.vppHostSubnetOneNodePrefixLen),
    offsetIn(ip, ipam.nodeInterconnectCIDR),
    offsetIn(ip, ipam.vxlanCIDR),
  ];
  return candidates.find((id) => id !== undefined && id > 0);
}

/** Roles by address, per cluster: every packet asks about the same few addresses many times.
 *  A cluster is not changed once loaded; the map is bounded. */
const rolesByCluster = new WeakMap<Cluster, Map<string, AddressRole>>();

export function addressRole(cluster: Cluster, ip: string): AddressRole {
  let roles = rolesByCluster.get(cluster);
  if (roles === undefined) rolesByCluster.set(cluster, (roles = new Map()));
  let role = roles.get(ip);
  if (role === undefined) {
    role = findAddressRole(cluster, ip);
    if (roles.size >= 4096) roles.clear();
    roles.set(own(ip), role);
  }
  return role;
}

function podSubnetRole(cluster: Cluster, ip: string, id: number): AddressRole {
  const node = nodeById(cluster, id);
  if (ip === node.podGateway) return { kind: "gateway", node, what: "virtual pod gateway" };
  if (ip === natLoopback(cluster, node)) return { kind: "gateway", node, what: "NAT loopback" };
  return { kind: "pod", node };
}

function findAddressRole(cluster: Cluster, ip: string): AddressRole {
  const { ipam } = cluster;
  const pod = cluster.pods.find((p) => p.ip === ip);
  if (pod !== undefined) return { kind: "pod", node: cluster.nodes.find((n) => n.name === pod.node)!, pod };
  const podNode = subnetIndex(ip, ipam.podSubnetCIDR, ipam.podSubnetOneNodePrefixLen);
  if (podNode !== undefined && podNode > 0) return podSubnetRole(cluster, ip, podNode);
  const hostNode = cluster.nodes.find((n) => n.hostIps.includes(ip));
  if (hostNode !== undefined) return { kind: "host", node: hostNode };
  const hostSubnet = subnetIndex(ip, ipam.vppHostSubnetCIDR, ipam.vppHostSubnetOneNodePrefixLen);
  if (hostSubnet !== undefined && hostSubnet > 0) {
    const node = nodeById(cluster, hostSubnet);
    if (node.vpp1Ip === ip) return { kind: "host", node };
    if (node.tap0Ip === ip) return { kind: "vpp", node, what: "tap0" };
  }
  const id = planNodeId(cluster, ip);
  if (id !== undefined && inPrefix(ip, ipam.nodeInterconnectCIDR)) {
    const node = cluster.nodes.find((n) => n.ip === ip) ?? nodeById(cluster, id);
    if (node.ip === ip) return { kind: "vpp", node, what: "node IP" };
  }
  const byIp = cluster.nodes.find((n) => n.ip === ip);
  if (byIp !== undefined) return { kind: "vpp", node: byIp, what: "node IP" };
  if (id !== undefined && inPrefix(ip, ipam.vxlanCIDR) && nodeById(cluster, id).loop0Ip === ip) return { kind: "vpp", node: nodeById(cluster, id), what: "loop0" };
  if (inPrefix(ip, ipam.serviceCIDR)) return { kind: "vip", service: cluster.services.find((s) => s.vip === ip) };
  // A private address the file does not place may be a host IP it leaves out as well as a
  // network outside the cluster: not known, rather than guessed to be the Internet.
  if (!cluster.described || (isPrivate(ip) && !cluster.externalNetworks.some((n) => inPrefix(ip, n)))) return { kind: "unknown" };
  return { kind: "external" };
}

/** RFC 1918, shared (RFC 6598) and link-local addresses: used inside sites as much as outside. */
const PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"];
const isPrivate = (ip: string): boolean => PRIVATE.some((p) => inPrefix(ip, p));

/** Whether `ip` is an endpoint of one of the cluster's services. */
export const backsService = (cluster: Cluster, ip: string): boolean => cluster.services.some((s) => s.endpoints.some((e) => e.ip === ip));

export function podAt(cluster: Cluster, ip: string): ClusterPod | undefined {
  return cluster.pods.find((p) => p.ip === ip);
}

/** `pod 10.1.1.3 (client) on k8s-master`: an address as messages name it. */
export function describeAddress(cluster: Cluster, ip: string): string {
  const role = addressRole(cluster, ip);
  switch (role.kind) {
    case "pod":
      return `pod ${ip}${role.pod?.name === undefined ? "" : ` (${role.pod.name})`} on ${role.node.name}`;
    case "host":
      return `the host stack of ${role.node.name} (${ip})`;
    case "vpp":
      return `${role.what} of ${role.node.name} (${ip})`;
    case "gateway":
      return `the ${role.what} of ${role.node.name} (${ip})`;
    case "vip":
      return role.service?.name === undefined ? `service address ${ip}` : `service ${role.service.name} (${ip})`;
    case "external":
      return `${ip} (outside the cluster)`;
    case "unknown":
      return `${ip} (outside Contiv's address plan)`;
  }
}
