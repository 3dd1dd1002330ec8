/**
 * What an address is in a Contiv/VPP cluster: a pod on node N, the host stack of node N,
 * a node's GbE address, a service VIP, or outside. Without a cluster file only Contiv's
 * address plan is known: an address outside it is `unknown` (host stack or Internet?),
 * never guessed.
 */
import { own } from "../../model/own.js";
import type { Cluster, ClusterNode, ClusterPod, ClusterService, Endpoint } from "./cluster.js";
import { nodeFromId } from "./load.js";
import { inPrefix, ip4ToNumber, parsePrefix } from "../../model/ip4.js";

export type AddressRole =
  | { kind: "pod"; node: ClusterNode; pod?: ClusterPod }
  | { kind: "host"; node: ClusterNode }
  | { kind: "node-ip"; node: ClusterNode }
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

/** Index of the per-node subnet an address falls in (10.1.N.x → N). */
function subnetIndex(ip: string, cidr: string, perNode: number): number | undefined {
  if (!inPrefix(ip, cidr)) return undefined;
  const p = parsePrefix(cidr);
  return (ip4ToNumber(ip) - p.base) >>> (32 - perNode);
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

function findAddressRole(cluster: Cluster, ip: string): AddressRole {
  const { ipam } = cluster;
  const pod = cluster.pods.find((p) => p.ip === ip);
  if (pod !== undefined) return { kind: "pod", node: cluster.nodes.find((n) => n.name === pod.node)!, pod };
  const podNode = subnetIndex(ip, ipam.podSubnetCIDR, ipam.podSubnetOneNodePrefixLen);
  if (podNode !== undefined && podNode > 0) return { kind: "pod", node: nodeById(cluster, podNode) };
  const hostNode = cluster.nodes.find((n) => n.hostIps.includes(ip));
  if (hostNode !== undefined) return { kind: "host", node: hostNode };
  const vpp1 = subnetIndex(ip, ipam.vppHostSubnetCIDR, ipam.vppHostSubnetOneNodePrefixLen);
  if (vpp1 !== undefined && vpp1 > 0 && nodeById(cluster, vpp1).vpp1Ip === ip) return { kind: "host", node: nodeById(cluster, vpp1) };
  const gbe = cluster.nodes.find((n) => n.ip === ip);
  if (gbe !== undefined) return { kind: "node-ip", node: gbe };
  if (inPrefix(ip, ipam.nodeInterconnectCIDR)) {
    const id = ip4ToNumber(ip) - parsePrefix(ipam.nodeInterconnectCIDR).base;
    if (id > 0) return { kind: "node-ip", node: nodeById(cluster, id) };
  }
  if (inPrefix(ip, ipam.serviceCIDR)) return { kind: "vip", service: cluster.services.find((s) => s.vip === ip) };
  return cluster.described ? { kind: "external" } : { kind: "unknown" };
}

export function podAt(cluster: Cluster, ip: string): ClusterPod | undefined {
  return cluster.pods.find((p) => p.ip === ip);
}

/** The services that have `endpoint` among their endpoints. */
export function servicesWithEndpoint(cluster: Cluster, endpoint: Endpoint): ClusterService[] {
  return cluster.services.filter((s) => s.endpoints.some((e) => e.ip === endpoint.ip && e.port === endpoint.port));
}

export const formatEndpoint = (e: Endpoint): string => `${e.ip}:${e.port}`;
