/**
 * Contiv/VPP's rules, rendering the cluster description into each node's VPP configuration
 * as the Contiv agent programs it (docs/NETWORKING.md, dev-guide/SERVICES.md and
 * POLICIES.md of contiv/vpp, and the packet-flow guide):
 * - the main interface (the "GbE") with the node IP; NAT outside, and the output feature
 *   with the node IP as SNAT pool when `natExternalTraffic`; the default route to the gateway;
 * - tap0 to the host stack (172.30.N.1, the host side vpp1 is .2), routes to the host's
 *   management IPs via vpp1; NAT inside and outside (a backend for host-network endpoints);
 * - one TAP per pod in L3 mode, a /32 route and a static ARP entry (MAC 00:00:00:00:00:02)
 *   for the pod; NAT outside, and inside when the pod backs a service;
 * - loop0, BVI of bridge domain 1 with a VXLAN tunnel to every other node (static L2 FIB
 *   entry for that node's loop0 MAC, static ARP for its loop0 IP); routes to the other
 *   nodes' pod subnet, host subnet and management IPs via their loop0 IP; NAT inside and
 *   outside (remote endpoints are behind it);
 * - ACLs: a reflective ACL on the input of every interface that has policies (pod TAPs of
 *   pods referenced by policies; tap0, loop0 and the GbE with `globalAcl`), the pod's own
 *   policy ACL on its TAP's output, and the global ACL on the output of tap0, loop0 and GbE;
 *   the network policies rendered into them (POLICIES.md: ingress and egress combined on
 *   the output): a pod's TAP output holds its ingress policies and every pod's egress
 *   policies, the global ACL every pod's egress policies;
 * - NAT44: a static mapping (out2in-only) per service VIP and per NodePort, an identity
 *   mapping of the node IP for VXLAN, NAT forwarding on.
 * Addresses of the node's pod subnet that no pod holds — the virtual pod gateway 10.1.N.1
 * among them — are dropped.
 *
 * A description need not list every pod: an address of a node's pod subnet that the
 * traffic names is a pod whose TAP, policies and backend role are not known. Without a
 * cluster file (Contiv's defaults only), nodes appear as the addresses name them too.
 */
import { hostAddress, offsetIn, parsePrefix, subnet } from "../../model/ip4.js";
import { PROTOCOL_NUMBER } from "../../model/expectation.js";
import type { AclAttachment, AclPolicy, AclPolicyRule, BridgeDomain, FibEntry, Nat44Config, Neighbour, VppInterface, VppNetwork, VppNode } from "../../vpp/types.js";
import type { Cluster, ClusterNode, ClusterPod, ClusterPolicyRule } from "./cluster.js";

const GBE = "gbe";
const TAP0 = "tap0";
const LOOP0 = "loop0";
const podKey = (ip: string): string => `tap@${ip}`;
const tunnelKey = (ip: string): string => `vxlan@${ip}`;
const prefixLength = (cidr: string): number => parsePrefix(cidr).length;

/** The address of a node's pod subnet Contiv keeps for self-twice-NAT (its last unicast). */
export function natLoopback(cluster: Cluster, node: ClusterNode): string {
  const length = cluster.ipam.podSubnetOneNodePrefixLen;
  return hostAddress(node.podSubnet, 2 ** (32 - length) - 2);
}

/** Is `ip` an address of `node`'s pod subnet that a pod may hold? */
export function podAddressOf(cluster: Cluster, node: ClusterNode, ip: string): boolean {
  const offset = offsetIn(ip, node.podSubnet);
  return offset !== undefined && offset > 1 && ip !== natLoopback(cluster, node) && offset < 2 ** (32 - cluster.ipam.podSubnetOneNodePrefixLen) - 1;
}

/** The cluster's network policies as ACL policies, one per selected pod and direction. */
function aclPolicies(cluster: Cluster, direction: "ingress" | "egress"): AclPolicy[] {
  return cluster.policies.flatMap((policy, i) => {
    const rules = policy[direction];
    if (rules === undefined) return [];
    const name = `policy ${policy.name ?? `#${i + 1}`}`;
    return policy.pods.map((ip) => ({ selects: ip, direction, rules: rules.map((r, j) => aclRule(r, j, direction)), why: name }));
  });
}

function aclRule(rule: ClusterPolicyRule, index: number, direction: "ingress" | "egress"): AclPolicyRule {
  const action = rule.action === "deny" ? 0 : 1;
  const peers = rule.peers === undefined ? "any peer" : `${direction === "ingress" ? "from" : "to"} ${rule.peers.join(", ")}`;
  const what = `${rule.protocol ?? "any protocol"}${rule.port === undefined ? "" : ` port ${rule.port}`}`;
  const acl: AclPolicyRule = { action, why: `${direction} rule ${index + 1} ${rule.action === "deny" ? "denies" : "allows"} ${what}, ${peers}` };
  if (rule.peers !== undefined) acl.peers = rule.peers;
  if (rule.protocol !== undefined) acl.proto = PROTOCOL_NUMBER[rule.protocol];
  if (rule.port !== undefined) acl.port = rule.port;
  return acl;
}

function reflective(name: string, attached: AclAttachment["attached"], why: string): AclAttachment {
  return { name, reflective: true, attached, why };
}

/** With `globalAcl`, Contiv's reflective ACL on the input and the global ACL on the output
 *  of the node's own interfaces (GbE, tap0, loop0). */
function globalAcls(cluster: Cluster, on: string, output: string): VppInterface["acl"] {
  if (!cluster.globalAcl) return {};
  const global: AclAttachment = { name: "global ACL", reflective: false, attached: true, why: `the global ACL on ${on}: ${output}` };
  const policies = aclPolicies(cluster, "egress");
  if (policies.length > 0) global.policies = policies;
  return { input: reflective("reflective ACL", true, `Contiv's reflective ACL on ${on}`), output: global };
}

function gbeInterface(cluster: Cluster, node: ClusterNode): VppInterface {
  const acl = globalAcls(cluster, "the GbE", "encapsulated traffic is always permitted");
  return {
    key: GBE,
    ...(node.mainInterface === undefined ? {} : { name: node.mainInterface }),
    // Any NIC's name (GigabitEthernet0/8/0, TenGigabitEthernet3/0/0, host-eth0…) when not given.
    namePattern: node.mainInterface ?? "\\S+",
    kind: "ethernet",
    description: `main interface, ${node.ip}`,
    addresses: [`${node.ip}/${prefixLength(cluster.ipam.nodeInterconnectCIDR)}`],
    nat44: { inside: false, outside: true, outputFeature: cluster.natExternalTraffic, why: `Contiv marks the GbE NAT outside${cluster.natExternalTraffic ? ", with the output feature for SNAT of traffic leaving the cluster (natExternalTraffic)" : ""}` },
    acl,
    why: "the node's main VPP interface (NodeInterconnectCIDR)",
  };
}

function tap0Interface(cluster: Cluster, node: ClusterNode): VppInterface {
  const acl = globalAcls(cluster, "tap0", "the egress policies of the pods");
  return {
    key: TAP0,
    name: node.hostTap,
    namePattern: node.hostTap,
    kind: "tap",
    description: `host stack of ${node.name}`,
    mac: cluster.ipam.tap0Mac,
    macWhy: "Contiv's MAC for the VPP side of tap0 (ipam tap0Mac)",
    addresses: [`${node.tap0Ip}/${cluster.ipam.vppHostSubnetOneNodePrefixLen}`],
    nat44: { inside: true, outside: true, outputFeature: false, why: "Contiv marks tap0 NAT inside and outside (a frontend, and a backend for host-network endpoints)" },
    acl,
    why: "the TAP between VPP and the host stack (VPPHostSubnetCIDR)",
  };
}

function loop0Interface(cluster: Cluster, node: ClusterNode): VppInterface {
  const acl = globalAcls(cluster, "loop0", "the egress policies of the pods");
  return {
    key: LOOP0,
    name: "loop0",
    namePattern: "loop0",
    kind: "loopback",
    description: `BVI, ${node.loop0Ip}`,
    mac: node.loop0Mac,
    macWhy: `Contiv's loop0 MAC of node id ${node.id}`,
    addresses: [`${node.loop0Ip}/${prefixLength(cluster.ipam.vxlanCIDR)}`],
    bridgeDomain: { id: cluster.ipam.bridgeDomain, bvi: true },
    nat44: { inside: true, outside: true, outputFeature: false, why: "Contiv marks loop0 NAT inside and outside (endpoints on other nodes are behind it)" },
    acl,
    why: "the BVI of the bridge domain with the VXLAN tunnels (VxlanCIDR)",
  };
}

function podInterface(cluster: Cluster, pod: ClusterPod): VppInterface {
  const label = pod.name === undefined ? `pod ${pod.ip}` : `pod ${pod.name} ${pod.ip}`;
  const policyWhy = pod.policies === "unknown" ? `whether policies reference ${label} is not described` : pod.policies ? `policies reference ${label}` : `no policy references ${label}`;
  const iface: VppInterface = {
    key: podKey(pod.ip),
    namePattern: pod.tap ?? "tap\\d+",
    kind: "tap",
    description: label,
    addresses: [],
    nat44: {
      inside: pod.serviceEndpoint,
      outside: true,
      outputFeature: false,
      why: `Contiv marks every pod TAP NAT outside, and inside when the pod backs a service (${pod.serviceEndpoint === "unknown" ? "not described" : pod.serviceEndpoint ? "it does" : "it does not"})`,
    },
    acl: {
      input: reflective("reflective ACL", pod.policies, policyWhy),
      output: policyAcl(cluster, pod, label, policyWhy),
    },
    why: `the TAP Contiv created for ${label}`,
  };
  if (pod.tap !== undefined) iface.name = pod.tap;
  if (pod.swIfIndex !== undefined) iface.swIfIndex = pod.swIfIndex;
  return iface;
}

/** The pod's policy ACL on its TAP's output: its ingress policies and the peers' egress ones. */
function policyAcl(cluster: Cluster, pod: ClusterPod, label: string, policyWhy: string): AclAttachment {
  const acl: AclAttachment = { name: `policy ACL of ${label}`, reflective: false, attached: pod.policies, why: `${policyWhy}: its ingress and egress policies, combined on the TAP's output` };
  const policies = [...aclPolicies(cluster, "ingress").filter((p) => p.selects === pod.ip), ...aclPolicies(cluster, "egress")];
  if (policies.length > 0) acl.policies = policies;
  return acl;
}

function tunnelInterface(cluster: Cluster, node: ClusterNode, other: ClusterNode): VppInterface {
  return {
    key: tunnelKey(other.ip),
    namePattern: "vxlan_tunnel\\d+",
    kind: "vxlan-tunnel",
    description: `VXLAN to ${other.name}`,
    addresses: [],
    bridgeDomain: { id: cluster.ipam.bridgeDomain, bvi: false },
    vxlan: { src: node.ip, dst: other.ip, vni: cluster.ipam.vxlanVni, port: cluster.ipam.vxlanPort },
    acl: {},
    why: `Contiv's VXLAN tunnel ${node.ip} → ${other.ip}, VNI ${cluster.ipam.vxlanVni}, UDP ${cluster.ipam.vxlanPort}`,
  };
}

function fibOf(cluster: Cluster, node: ClusterNode, pods: ClusterPod[], others: ClusterNode[]): FibEntry[] {
  const fib: FibEntry[] = [
    { prefix: `${node.ip}/32`, path: { kind: "receive", interface: GBE }, why: "the node IP" },
    { prefix: cluster.ipam.nodeInterconnectCIDR, path: { kind: "attached", interface: GBE }, why: "the node interconnect network" },
    { prefix: "0.0.0.0/0", path: { kind: "via", via: node.gateway, interface: GBE }, why: "the default route to the node's gateway" },
    { prefix: `${node.tap0Ip}/32`, path: { kind: "receive", interface: TAP0 }, why: "tap0's address" },
    { prefix: subnet(cluster.ipam.vppHostSubnetCIDR, cluster.ipam.vppHostSubnetOneNodePrefixLen, node.id), path: { kind: "attached", interface: TAP0 }, why: "the host interconnect" },
    { prefix: `${node.loop0Ip}/32`, path: { kind: "receive", interface: LOOP0 }, why: "loop0's address" },
    { prefix: cluster.ipam.vxlanCIDR, path: { kind: "attached", interface: LOOP0 }, why: "the VXLAN BVI network" },
    { prefix: node.podSubnet, path: { kind: "drop" }, why: `no pod of ${node.name} holds the address (the virtual pod gateway ${node.podGateway} is assigned to no interface)` },
  ];
  for (const ip of node.hostIps) fib.push({ prefix: `${ip}/32`, path: { kind: "via", via: node.vpp1Ip, interface: TAP0 }, why: `a host IP of ${node.name} (routesToHost)` });
  for (const pod of pods) fib.push({ prefix: `${pod.ip}/32`, path: { kind: "via", via: pod.ip, interface: podKey(pod.ip) }, why: `the route to pod ${pod.ip} (vppRouteFromRequest)` });
  for (const other of others) {
    const via = { kind: "via", via: other.loop0Ip, interface: LOOP0, recursive: true } as const;
    fib.push({ prefix: other.podSubnet, path: via, why: `the pods of ${other.name}, via its loop0 (routeToOtherHostPods)` });
    fib.push({ prefix: subnet(cluster.ipam.vppHostSubnetCIDR, cluster.ipam.vppHostSubnetOneNodePrefixLen, other.id), path: via, why: `the host interconnect of ${other.name}, via its loop0` });
    for (const ip of other.hostIps) fib.push({ prefix: `${ip}/32`, path: via, why: `the management IP of ${other.name}, via its loop0` });
  }
  return fib;
}

function natOf(cluster: Cluster, node: ClusterNode, nodes: ClusterNode[]): Nat44Config {
  const staticMappings: Nat44Config["staticMappings"] = [];
  for (const s of cluster.services) {
    const name = s.name ?? `${s.vip}:${s.port}`;
    const group = `service ${s.vip}:${s.port}`;
    staticMappings.push({ group, proto: s.protocol, external: { ip: s.vip, port: s.port }, locals: s.endpoints, out2inOnly: true, why: `service ${name}` });
    if (s.nodePort === undefined) continue;
    // Every node's cluster IP and management IPs (SERVICES.md: for nodeIP in {nodeMgmtIP, nodeClusterIP}).
    for (const n of nodes) {
      for (const ip of [n.ip, ...n.hostIps]) staticMappings.push({ group, proto: s.protocol, external: { ip, port: s.nodePort }, locals: s.endpoints, out2inOnly: true, why: `NodePort ${s.nodePort} of service ${name} on ${n.name}` });
    }
  }
  return {
    staticMappings,
    // Address-only: the guide's captures show the sender's VXLAN packets, from a source
    // port that is a hash of the inner flow, matched on the way out (a session ≥ 0, nothing
    // changed), which a mapping of port 4789 would not be.
    identityMappings: [{ address: node.ip, why: "Contiv's identity mapping of the node IP: VXLAN between the nodes is never source-NATed" }],
    pool: cluster.natExternalTraffic ? [node.ip] : [],
    forwarding: true,
    why: cluster.natExternalTraffic ? "natExternalTraffic: the node IP is the SNAT pool" : "no SNAT pool (natExternalTraffic off)",
  };
}

function renderNode(cluster: Cluster, node: ClusterNode, nodes: ClusterNode[], pods: ClusterPod[]): VppNode {
  const others = nodes.filter((n) => n.id !== node.id);
  const mine = pods.filter((p) => p.node === node.name);
  const tunnels = others.map((o) => tunnelInterface(cluster, node, o));
  const interfaces = [gbeInterface(cluster, node), tap0Interface(cluster, node), loop0Interface(cluster, node), ...mine.map((p) => podInterface(cluster, p)), ...tunnels];
  const neighbours: Neighbour[] = [
    ...mine.map((p) => ({ ip: p.ip, mac: cluster.ipam.podMac, interface: podKey(p.ip), why: "static ARP for the pod (vppArpEntry): every pod has this MAC" })),
    ...others.map((o) => ({ ip: o.loop0Ip, mac: o.loop0Mac, interface: LOOP0, why: `static ARP for ${o.name}'s loop0 (vxlanArpEntry)` })),
    { ip: node.vpp1Ip, interface: TAP0, why: "vpp1, the host side of tap0, is resolved by ARP" },
  ];
  const bridgeDomain: BridgeDomain = {
    id: cluster.ipam.bridgeDomain,
    members: [LOOP0, ...tunnels.map((t) => t.key)],
    bvi: LOOP0,
    l2fib: others.map((o) => ({ mac: o.loop0Mac, interface: tunnelKey(o.ip), why: `static L2 FIB entry for ${o.name}'s loop0 (vxlanFibEntry)` })),
    why: `bridge domain ${cluster.ipam.bridgeDomain}: loop0 and the VXLAN tunnels, learning and flooding off`,
  };
  return { name: node.name, interfaces, fib: fibOf(cluster, node, mine, others), neighbours, bridgeDomains: [bridgeDomain], nat44: natOf(cluster, node, nodes) };
}

/** The cluster's VPP configuration, with the pods and (without a description) the nodes
 *  that `nodes` and `pods` add to what the description lists. */
export function renderNetwork(cluster: Cluster, nodes: ClusterNode[], pods: ClusterPod[]): VppNetwork {
  return { nodes: nodes.map((n) => renderNode(cluster, n, nodes, pods)) };
}

