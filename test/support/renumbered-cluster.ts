/**
 * A second cluster for the tests: the guide's cluster (samples/cluster.yaml) renumbered
 * throughout — node ids 3 and 7 instead of 1 and 2, pod subnet 10.64.0.0/16, node
 * interconnect 192.168.50.0/24, VXLAN BVIs 192.168.60.0/24 (loop0 MACs 1a:2b:3c:4d:5e:03 and
 * :07), host interconnect 172.31.0.0/16, services in 10.112.0.0/12 on port 8000 with endpoints
 * on 9376, host IP 10.30.0.9, other TAP names, sw_if_index values and MACs, VNI 21 — and the
 * guide's 18 captures rewritten into it.
 *
 * The address, port, TAP and sw_if_index maps follow from the two cluster files themselves
 * (nodes paired by position, pods and services by name); what a cluster file does not say —
 * client ports, the VXLAN source-port hashes, the random MACs of pod TAPs (`02:fe:…`), of the
 * GbEs and of the host's vpp1, the sw_if_index of loop0, tap0, the GbE and the VXLAN tunnel —
 * is in the tables below. sw_if_index and TAP names are per node: `renumberingSpec(sample)`
 * picks the maps of the node the sample was captured on.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import type { Cluster, ClusterNode } from "../../src/dataplanes/contiv/cluster.js";
import { sampleFiles, samplesDir } from "../helpers.js";
import { rewriteTrace, type RewriteSpec } from "./rewrite-trace.js";

export const renumberedClusterYaml = `# The guide's cluster renumbered (test/support/renumbered-cluster.ts).
ipam:
  podSubnetCIDR: 10.64.0.0/16
  podSubnetOneNodePrefixLen: 24
  vppHostSubnetCIDR: 172.31.0.0/16
  vppHostSubnetOneNodePrefixLen: 24
  nodeInterconnectCIDR: 192.168.50.0/24
  vxlanCIDR: 192.168.60.0/24
  serviceCIDR: 10.112.0.0/12
  vxlanVni: 21
  vxlanPort: 4789
  podMac: "00:00:00:00:00:0b"
  tap0Mac: "01:23:45:67:89:57"
nodes:
  - name: kube-a
    id: 3
    mainInterface: GigabitEthernet0/a/0
    hostIps: [10.30.0.9]
  - name: kube-b
    id: 7
    mainInterface: GigabitEthernet0/a/0

pods:
  - { name: client, ip: 10.64.3.21, node: kube-a, tap: tap21, swIfIndex: 15, serviceEndpoint: false }
  - { name: server, ip: 10.64.3.17, node: kube-a, tap: tap17, swIfIndex: 6, serviceEndpoint: true }
  - { name: server-other-node, ip: 10.64.7.26, node: kube-b, tap: tap4, swIfIndex: 5, serviceEndpoint: true }
  - { name: client-svc, ip: 10.64.3.4, node: kube-a, tap: tap6, swIfIndex: 12, serviceEndpoint: false }
  - { name: nginx-1, ip: 10.64.3.30, node: kube-a, tap: tap9, swIfIndex: 10 }
  - { name: host-client-server, ip: 10.64.3.11, node: kube-a, tap: tap13, swIfIndex: 14, serviceEndpoint: true }
  - { name: nginx-2, ip: 10.64.7.8, node: kube-b, tap: tap8, swIfIndex: 13 }

services:
  - { name: nginx, vip: 10.118.40.85, port: 8000, protocol: TCP, endpoints: ["10.64.3.30:9376", "10.30.0.9:9376"] }
  - { name: nginx-other-node, vip: 10.121.9.160, port: 8000, protocol: TCP, endpoints: ["10.64.7.8:9376"] }

globalAcl: true
natExternalTraffic: true
`;

export const guideCluster: Cluster = loadCluster(readFileSync(join(samplesDir, "cluster.yaml"), "utf8"), "samples/cluster.yaml");
export const renumberedCluster: Cluster = loadCluster(renumberedClusterYaml, "renumbered-cluster.yaml");

/** Client ports of the captures and the VXLAN outer source ports (a hash of the inner flow). */
const OTHER_PORTS: Record<number, number> = {
  39820: 41233, 60996: 35017, 54252: 47391, 32966: 58820, 51082: 44662, 49710: 53129, 46310: 38457,
  50038: 50911, 50493: 49380, 60039: 61733, 25569: 27411,
};

/** MACs no cluster file gives: pod TAPs on VPP's side, the GbEs (two runs), the host's vpp1. */
const OTHER_MACS: Record<string, string> = {
  "02:fe:69:99:eb:9d": "02:fe:0c:d4:86:3b", // tap11, client
  "02:fe:16:79:39:cb": "02:fe:f2:06:4b:8e", // tap8, server
  "02:fe:16:3f:5f:0f": "02:fe:3d:e8:71:a9", // tap2, client-svc
  "02:fe:10:03:7c:4d": "02:fe:c4:5a:92:16", // tap4, nginx-1
  "02:fe:04:07:d1:e2": "02:fe:8b:31:0e:57", // tap5, host-client-server
  "02:fe:47:84:04:5d": "02:fe:a7:13:e9:62", // tap12, server-other-node
  "02:fe:1d:72:95:66": "02:fe:59:ad:27:c0", // tap3, nginx-2
  "08:00:27:44:9f:d8": "52:54:00:3a:91:c7", // GbE of node 1, first run
  "08:00:27:e0:57:49": "52:54:00:e6:0d:74", // GbE of node 2, first run
  "08:00:27:72:95:8d": "52:54:00:18:b2:5f", // GbE of node 1, second run
  "08:00:27:a2:a4:50": "52:54:00:c9:4e:03", // GbE of node 2, second run
  "3e:1b:70:2d:4d:51": "3e:7c:11:a0:5b:e4", // vpp1, the host side of tap0 on node 1
};

/** sw_if_index (= hw_if_index) of the interfaces every node has, per node position. */
const NODE_INTERFACES: Record<number, number>[] = [
  { 1: 2, 2: 1, 3: 4, 5: 3 }, // GbE, tap0, loop0, vxlan_tunnel0 on node 1 → 3
  { 1: 2, 2: 1, 3: 4, 4: 3 }, // GbE, tap0, loop0, vxlan_tunnel0 on node 2 → 7
];

function add<K extends string | number>(map: Map<K, K>, from: K, to: K, what: string): void {
  const had = map.get(from);
  if (had !== undefined && had !== to) throw new Error(`renumbering: ${what} ${from} maps to both ${had} and ${to}`);
  map.set(from, to);
}

function nodeAddresses(addresses: Map<string, string>, a: ClusterNode, b: ClusterNode): void {
  for (const key of ["ip", "loop0Ip", "tap0Ip", "vpp1Ip", "podGateway"] as const) add(addresses, a[key], b[key], `${a.name} ${key}`);
  a.hostIps.forEach((ip, i) => add(addresses, ip, b.hostIps[i], `${a.name} host IP`));
}

function globalMaps(from: Cluster, to: Cluster): Pick<Required<RewriteSpec>, "addresses" | "ports" | "macs" | "vni"> {
  const addresses = new Map<string, string>();
  const ports = new Map<number, number>(Object.entries(OTHER_PORTS).map(([k, v]) => [Number(k), v]));
  const macs = new Map<string, string>([...Object.entries(OTHER_MACS), [from.ipam.podMac, to.ipam.podMac], [from.ipam.tap0Mac, to.ipam.tap0Mac]]);
  from.nodes.forEach((a, i) => {
    nodeAddresses(addresses, a, to.nodes[i]);
    add(macs, a.loop0Mac, to.nodes[i].loop0Mac, "loop0 MAC");
  });
  for (const pod of from.pods) add(addresses, pod.ip, to.pods.find((p) => p.name === pod.name)!.ip, `pod ${pod.name}`);
  for (const service of from.services) {
    const other = to.services.find((s) => s.name === service.name)!;
    add(addresses, service.vip, other.vip, `service ${service.name}`);
    add(ports, service.port, other.port, `service ${service.name} port`);
    service.endpoints.forEach((e, i) => {
      add(addresses, e.ip, other.endpoints[i].ip, `endpoint of ${service.name}`);
      add(ports, e.port, other.endpoints[i].port, `endpoint port of ${service.name}`);
    });
  }
  add(ports, from.ipam.vxlanPort, to.ipam.vxlanPort, "VXLAN port");
  return { addresses, ports, macs, vni: new Map([[from.ipam.vxlanVni, to.ipam.vxlanVni]]) };
}

function nodeMaps(from: Cluster, to: Cluster, index: number): Pick<Required<RewriteSpec>, "interfaces" | "swIfIndex" | "hwIfIndex"> {
  const a = from.nodes[index];
  const b = to.nodes[index];
  const interfaces = new Map<string, string>([[a.mainInterface!, b.mainInterface!]]);
  const sw = new Map<number, number>(Object.entries(NODE_INTERFACES[index]).map(([k, v]) => [Number(k), v]));
  for (const pod of from.pods.filter((p) => p.node === a.name)) {
    const other = to.pods.find((p) => p.name === pod.name)!;
    if (pod.tap !== undefined) add(interfaces, pod.tap, other.tap!, `TAP of ${pod.name}`);
    if (pod.swIfIndex !== undefined) add(sw, pod.swIfIndex, other.swIfIndex!, `sw_if_index of ${pod.name}`);
  }
  // A TAP's hw_if_index is its sw_if_index in every capture of the guide.
  return { interfaces, swIfIndex: sw, hwIfIndex: sw };
}

/** The node a sample was captured on: the server's node for `…-server-node`, else the guide's node 1. */
export const captureNodeIndex = (sample: string): number => (/-server-node(?:\.txt)?$/.test(sample) ? 1 : 0);

/** The spec that moves a capture of the guide's cluster into the renumbered one. */
export function renumberingSpec(sample: string, from: Cluster = guideCluster, to: Cluster = renumberedCluster): RewriteSpec {
  return { ...globalMaps(from, to), ...nodeMaps(from, to, captureNodeIndex(sample)) };
}

/** A guide sample (`pod-to-host-request.txt`) as the renumbered cluster would have captured it. */
export function renumberedSample(sample: string): string {
  const name = sample.endsWith(".txt") ? sample : `${sample}.txt`;
  return rewriteTrace(readFileSync(join(samplesDir, name), "utf8"), renumberingSpec(name));
}

/** All 18 samples, renumbered, by file name. */
export const renumberedSamples = (): Map<string, string> => new Map(sampleFiles().map((name) => [name, renumberedSample(name)]));
