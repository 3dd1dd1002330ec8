/**
 * Which scenario a captured packet belongs to, in which direction, on which node — decided
 * from the cluster model and the packet itself (addresses, TCP flags, whether it arrived
 * VXLAN-encapsulated), never guessed: a packet that fits no scenario is `unclassified`
 * with the reason.
 *
 * Requests and responses of one connection inform each other through a connection table
 * (classifyPackets): a response whose service un-NAT is missing is still known to belong
 * to a service connection when its request is in the same input.
 */
import type { Cluster, Endpoint } from "../dataplanes/contiv/cluster.js";
import type { Direction, ExpectedNodePath, ExpectedPaths, Flow, NodeRole, Scenario } from "../model/expectation.js";
import type { Packet } from "../model/trace.js";
import { addressRole, formatEndpoint, servicesWithEndpoint } from "../dataplanes/contiv/index.js";
import { headerViews, type HeaderView } from "../trace/headers.js";
import { pathsFor } from "./index.js";
import { PlacementError, placeConnection } from "./place.js";

export type Classification =
  | { kind: "classified"; scenario: Scenario; direction: Direction; k8sNode: string; role: NodeRole; expected: ExpectedPaths; path: ExpectedNodePath }
  | { kind: "unclassified"; reason: string };

const SYN = 0x02;
const ACK = 0x10;

interface Facts {
  inner: HeaderView;
  /** Prints of the inner packet, in order. */
  prints: HeaderView[];
  /** The node the packet was captured on: where it entered VPP. */
  capturedOn: string | undefined;
  tcpFlags?: number;
}

/** Service connections seen in requests: client ip:port → VIP and endpoint. */
export type ConnectionTable = Map<string, { vip: Endpoint; endpoint: Endpoint }>;

const endpointOf = (ip: string, port: number | undefined): Endpoint => ({ ip, port: port ?? 0 });

function facts(cluster: Cluster, packet: Packet, views: HeaderView[]): Facts | string {
  const prints = views.filter((v) => v.source === "print" && (v.proto === 6 || v.proto === 17));
  if (prints.length === 0) return "no TCP or UDP header in the trace";
  const first = prints[0];
  const isVxlan = first.proto === 17 && first.dstPort === cluster.ipam.vxlanPort && addressRole(cluster, first.dst).kind === "node-ip";
  if (isVxlan) {
    const decap = packet.records.findIndex((r) => r.node.startsWith("vxlan4-input"));
    const inner = prints.filter((v) => v.position > decap);
    if (decap === -1 || inner.length === 0) return "VXLAN packet whose inner header the trace does not show";
    const node = addressRole(cluster, first.dst);
    return { inner: inner[0], prints: inner, capturedOn: node.kind === "node-ip" ? node.node.name : undefined, tcpFlags: inner[0].record.fields.l4?.tcpFlags };
  }
  return { inner: first, prints, capturedOn: undefined, tcpFlags: first.record.fields.l4?.tcpFlags };
}

function direction(cluster: Cluster, f: Facts, table: ConnectionTable): Direction | undefined {
  if (f.tcpFlags !== undefined && f.tcpFlags & SYN) return f.tcpFlags & ACK ? "response" : "request";
  if (table.has(`${f.inner.src}:${f.inner.srcPort}`)) return "request";
  if (table.has(`${f.inner.dst}:${f.inner.dstPort}`)) return "response";
  if (addressRole(cluster, f.inner.dst).kind === "vip") return "request";
  return undefined;
}

/** The first print after a NAT record whose address differs from `before`: what NAT made of it. */
function translatedAfterNat(packet: Packet, f: Facts, field: "src" | "dst"): HeaderView | undefined {
  const nat = packet.records.findIndex((r, i) => i > f.inner.position && r.fields.nat !== undefined);
  if (nat === -1) return undefined;
  return f.prints.find((v) => v.position > nat && (v[field] !== f.inner[field] || v[`${field}Port`] !== f.inner[`${field}Port`]));
}

/** The connection as the client opened it, and the endpoint that serves it. */
function requestFlow(cluster: Cluster, packet: Packet, f: Facts, dir: Direction, table: ConnectionTable): { flow: Flow; endpoint?: Endpoint } | string {
  const proto = f.inner.proto === 6 ? "TCP" : "UDP";
  const src = endpointOf(f.inner.src, f.inner.srcPort);
  const dst = endpointOf(f.inner.dst, f.inner.dstPort);
  if (dir === "request") {
    const role = addressRole(cluster, dst.ip);
    if (role.kind === "vip") {
      const after = translatedAfterNat(packet, f, "dst");
      const seen = after === undefined ? undefined : endpointOf(after.dst, after.dstPort);
      // A described service knows its endpoints: one the trace translated to that is not
      // among them is the service's to judge (nat-session), not a new endpoint.
      const endpoints = role.service?.endpoints;
      if (seen === undefined || endpoints === undefined || endpoints.some((e) => e.ip === seen.ip && e.port === seen.port)) return { flow: { proto, src, dst }, endpoint: seen };
      if (endpoints.length === 1) return { flow: { proto, src, dst }, endpoint: endpoints[0] };
      return `the VIP ${formatEndpoint(dst)} was translated to ${formatEndpoint(seen)}, which is none of its endpoints (${endpoints.map(formatEndpoint).join(", ")})`;
    }
    const services = cluster.described && f.capturedOn !== undefined ? servicesWithEndpoint(cluster, dst) : [];
    // On the server's node a service request arrives already translated to its endpoint.
    if (services.length === 1) return { flow: { proto, src, dst: { ip: services[0].vip, port: services[0].port } }, endpoint: dst };
    return { flow: { proto, src, dst } };
  }
  // A response: the client is the destination, the endpoint the source.
  const dstRole = addressRole(cluster, dst.ip);
  if (dstRole.kind === "node-ip") {
    const after = translatedAfterNat(packet, f, "dst");
    if (after === undefined) return "a packet to the node IP that NAT did not map back to a pod";
    return { flow: { proto, src: endpointOf(after.dst, after.dstPort), dst: src } };
  }
  const known = table.get(formatEndpoint(dst));
  if (known !== undefined) return { flow: { proto, src: dst, dst: known.vip }, endpoint: src };
  const unNat = f.prints.find((v) => addressRole(cluster, v.src).kind === "vip");
  if (unNat !== undefined) return { flow: { proto, src: dst, dst: endpointOf(unNat.src, unNat.srcPort) }, endpoint: src };
  const services = cluster.described && f.capturedOn === undefined ? servicesWithEndpoint(cluster, src) : [];
  const serverNode = addressRole(cluster, src.ip);
  const clientNode = addressRole(cluster, dst.ip);
  // On the server's node of a cross-node service connection the response is not un-NATed yet.
  if (services.length === 1 && serverNode.kind === "pod" && clientNode.kind === "pod" && serverNode.node.id !== clientNode.node.id) {
    return { flow: { proto, src: dst, dst: { ip: services[0].vip, port: services[0].port } }, endpoint: src };
  }
  return { flow: { proto, src: dst, dst: src }, endpoint: src };
}

/** The node a packet entered VPP on, when it did not come through a VXLAN tunnel. */
function entryNode(cluster: Cluster, f: Facts): string | undefined {
  const role = addressRole(cluster, f.inner.src);
  if (role.kind === "pod" || role.kind === "host") return role.node.name;
  const dst = addressRole(cluster, f.inner.dst);
  return dst.kind === "node-ip" ? dst.node.name : undefined;
}

export function classifyPacket(cluster: Cluster, packet: Packet, table: ConnectionTable = new Map(), views: HeaderView[] = headerViews(packet)): Classification {
  const f = facts(cluster, packet, views);
  if (typeof f === "string") return { kind: "unclassified", reason: f };
  const dir = direction(cluster, f, table);
  if (dir === undefined) return { kind: "unclassified", reason: "no SYN, no service VIP and no request of this connection in the input: request or response?" };
  const placed = requestFlow(cluster, packet, f, dir, table);
  if (typeof placed === "string") return { kind: "unclassified", reason: placed };
  try {
    const expected = pathsFor(placeConnection(cluster, placed.flow, dir, placed.endpoint));
    const node = f.capturedOn ?? entryNode(cluster, f);
    const path = expected.paths.find((p) => p.k8sNode === node);
    if (path === undefined) return { kind: "unclassified", reason: `captured on ${node ?? "an unknown node"}, which the ${expected.scenario} ${dir} does not cross` };
    return { kind: "classified", scenario: expected.scenario, direction: dir, k8sNode: path.k8sNode, role: path.role, expected, path };
  } catch (error) {
    if (error instanceof PlacementError) return { kind: "unclassified", reason: error.message };
    throw error;
  }
}

/** Classify all packets; service requests first fill the connection table the responses use. */
export function classifyPackets(cluster: Cluster, packets: Packet[]): Classification[] {
  const table: ConnectionTable = new Map();
  const first = packets.map((p) => classifyPacket(cluster, p, table));
  first.forEach((c) => {
    if (c.kind === "classified" && c.direction === "request" && c.expected.flow.dst.ip !== c.expected.endpoint.ip) {
      table.set(formatEndpoint(c.expected.flow.src), { vip: c.expected.flow.dst, endpoint: c.expected.endpoint });
    }
  });
  return table.size === 0 ? first : packets.map((p, i) => (first[i].kind === "classified" && (first[i] as { direction: Direction }).direction === "request" ? first[i] : classifyPacket(cluster, p, table)));
}
