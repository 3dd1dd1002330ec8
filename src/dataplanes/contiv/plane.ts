/**
 * Contiv/VPP as a data plane: its cluster description rendered into VPP configuration,
 * with the pods (and, on Contiv's defaults alone, the nodes) the traffic names but the
 * description does not list; and the packet-flow guide's names for connections.
 */
import type { ConnectionEnds, DataPlane } from "../types.js";
import type { VppNetwork } from "../../vpp/types.js";
import type { Cluster, ClusterPod } from "./cluster.js";
import { own } from "../../model/own.js";
import { addressRole, backsService, describeAddress, isDescribed, nodeById, planNodeId } from "./roles.js";
import { podAddressOf, renderNetwork } from "./render.js";

/** Rendered networks kept per set of implied nodes and pods; a trace names few. */
const MAX_CACHED = 256;
const MAX_ADDRESSES = 1 << 16;

export class ContivDataPlane implements DataPlane {
  readonly name = "contiv";
  private readonly networks = new Map<string, VppNetwork>();
  private readonly added = new Map<string, { nodeId?: number; pod?: ClusterPod }>();

  constructor(readonly cluster: Cluster) {}

  get described(): boolean {
    return this.cluster.described;
  }

  get infersServices(): boolean {
    return this.cluster.described;
  }

  network(addresses: readonly string[]): VppNetwork {
    // What each address adds (a node of the plan, a pod the file does not list) is looked up
    // once: every packet of a capture names the same few addresses.
    const ids = new Set<number>();
    const pods: ClusterPod[] = [];
    for (const ip of addresses) {
      const adds = this.additions(ip);
      if (adds.nodeId !== undefined) ids.add(adds.nodeId);
      if (adds.pod !== undefined && !pods.includes(adds.pod)) pods.push(adds.pod);
    }
    const key = `${[...ids].sort((a, b) => a - b).join(",")}|${pods.map((p) => p.ip).sort().join(",")}`;
    let network = this.networks.get(key);
    if (network === undefined) {
      if (this.networks.size >= MAX_CACHED) this.networks.clear();
      const nodes = [...this.cluster.nodes, ...[...ids].filter((id) => !this.cluster.nodes.some((n) => n.id === id)).map((id) => nodeById(this.cluster, id))].sort((a, b) => a.id - b.id);
      const implied = pods.filter((p) => nodes.some((n) => n.name === p.node)).sort((a, b) => (a.ip < b.ip ? -1 : 1));
      this.networks.set(key, (network = renderNetwork(this.cluster, nodes, [...this.cluster.pods, ...implied])));
    }
    return network;
  }

  /** The node of the address plan an address implies (without a description), and the pod
   *  it is when the description does not list it. */
  private additions(ip: string): { nodeId?: number; pod?: ClusterPod } {
    let adds = this.added.get(ip);
    if (adds === undefined) {
      adds = {};
      const id = this.cluster.described ? undefined : planNodeId(this.cluster, ip);
      if (id !== undefined) adds.nodeId = id;
      const node = this.cluster.described ? this.cluster.nodes.find((n) => podAddressOf(this.cluster, n, ip)) : id === undefined ? undefined : nodeById(this.cluster, id);
      if (node !== undefined && podAddressOf(this.cluster, node, ip) && !this.cluster.pods.some((p) => p.ip === ip)) {
        adds.pod = { ip: own(ip), node: node.name, policies: "unknown", serviceEndpoint: backsService(this.cluster, ip) ? true : "unknown", implicit: true };
      }
      if (this.added.size >= MAX_ADDRESSES) this.added.clear();
      this.added.set(own(ip), adds);
    }
    return adds;
  }

  unplaced(ip: string): string | undefined {
    const role = addressRole(this.cluster, ip);
    if (role.kind === "unknown" && this.cluster.described) return `the cluster file does not say where ${ip} is: a host IP of a node (nodes[].hostIps) or a network outside the cluster (externalNetworks)?`;
    if (role.kind === "unknown") return `${ip} is outside Contiv's address plan: a host address or the Internet? Describe the cluster (--cluster)`;
    if ((role.kind === "pod" || role.kind === "host" || role.kind === "vpp" || role.kind === "gateway") && this.cluster.described && !isDescribed(this.cluster, role.node)) {
      return `${ip} belongs to node id ${role.node.id} of Contiv's address plan, which the cluster file does not describe`;
    }
    if (role.kind === "vip" && role.service === undefined && this.cluster.described) return `${ip} is a service address the cluster file does not describe`;
    if (role.kind === "vip" && role.service === undefined) return `${ip} is a service address; without a cluster file its endpoints are not known (--cluster)`;
    return undefined;
  }

  describe(ip: string): string {
    return describeAddress(this.cluster, ip);
  }

  label(ends: ConnectionEnds): string {
    return contivLabel(this.cluster, ends);
  }
}

type Kind = "pod" | "host" | "service" | "internet" | "gateway" | "node";

function kindOf(cluster: Cluster, ip: string): { kind: Kind; node?: number } {
  const role = addressRole(cluster, ip);
  switch (role.kind) {
    case "pod":
      return { kind: "pod", node: role.node.id };
    case "host":
      return { kind: "host", node: role.node.id };
    case "vpp":
      return { kind: "node", node: role.node.id };
    case "gateway":
      return { kind: "gateway", node: role.node.id };
    case "vip":
      return { kind: "service" };
    default:
      return { kind: "internet" };
  }
}

/**
 * The packet-flow guide's scenario names, and names of the same form for what it does not
 * narrate: `<client>-to-<server>`, with `-same-node`/`-other-node` for pod-to-pod and
 * service endpoints that are pods, `-other-node` where the guide's form implies the same
 * node (`pod-to-host-other-node`).
 */
export function contivLabel(cluster: Cluster, ends: ConnectionEnds): string {
  const client = kindOf(cluster, ends.client);
  const server = kindOf(cluster, ends.server);
  const sameNode = client.node !== undefined && client.node === server.node;
  const from = client.kind === "internet" ? "external" : client.kind;
  if (ends.viaService) {
    if (client.kind === "host" && server.kind === "pod" && sameNode) return "host-to-service";
    if (client.node === undefined) return `${from}-to-service`;
    if (server.kind === "pod") return `${from}-to-service-${sameNode ? "same-node" : "other-node"}`;
    if (server.kind === "host") return `${from}-to-service-host${sameNode ? "" : "-other-node"}`;
    return `${from}-to-service`;
  }
  if (client.kind === "pod" && server.kind === "pod") return `pod-to-pod-${sameNode ? "same-node" : "other-node"}`;
  if (server.kind === "internet") return `${from}-to-internet`;
  // kube-proxy in the host translated the service address already: the guide's host-to-service.
  if (client.kind === "host" && server.kind === "pod" && sameNode && backsService(cluster, ends.server)) return "host-to-service";
  return `${from}-to-${server.kind}${sameNode || server.node === undefined || client.node === undefined ? "" : "-other-node"}`;
}
