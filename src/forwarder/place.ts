/**
 * Placing a connection in the cluster: from the client's address and the address it
 * connects to, which of the guide's nine scenarios it is, on which nodes, and which
 * endpoint serves it. A connection the guide does not describe is refused with the reason.
 */
import type { Cluster, Endpoint } from "../dataplanes/contiv/cluster.js";
import type { Direction, Flow, Scenario } from "../model/expectation.js";
import { addressRole, formatEndpoint, podAt, servicesWithEndpoint } from "../dataplanes/contiv/index.js";
import type { Connection } from "./connection.js";
import type { PodSide } from "./hops.js";

/** A connection the guide does not describe. Thrown for many packets of a large trace, so
 *  it skips the stack trace an Error would capture: the message is the whole story. */
export class PlacementError extends Error {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

function side(cluster: Cluster, ip: string, role: ReturnType<typeof addressRole>): PodSide {
  if (role.kind !== "pod" && role.kind !== "host" && role.kind !== "node-ip") throw new PlacementError(`${ip} is not on a node`);
  return { ip, node: role.node, pod: podAt(cluster, ip) };
}

function chooseEndpoint(cluster: Cluster, flow: Flow, endpoint: Endpoint | undefined): Endpoint {
  if (endpoint !== undefined) return endpoint;
  const role = addressRole(cluster, flow.dst.ip);
  const service = role.kind === "vip" ? role.service : undefined;
  if (service === undefined) throw new PlacementError(`no service with VIP ${flow.dst.ip} in the cluster description, so its endpoint is unknown; give the endpoint`);
  if (service.port !== flow.dst.port) throw new PlacementError(`service ${service.vip} listens on port ${service.port}, not ${flow.dst.port}`);
  if (service.endpoints.length !== 1) throw new PlacementError(`service ${formatEndpoint(flow.dst)} has ${service.endpoints.length} endpoints (${service.endpoints.map(formatEndpoint).join(", ")}); say which one was chosen`);
  return service.endpoints[0];
}

function serviceScenario(cluster: Cluster, client: PodSide, endpoint: Endpoint): { scenario: Scenario; server: PodSide } {
  const role = addressRole(cluster, endpoint.ip);
  if (role.kind === "pod") return { scenario: role.node.id === client.node.id ? "pod-to-service-same-node" : "pod-to-service-other-node", server: side(cluster, endpoint.ip, role) };
  if (role.kind === "host" && role.node.id === client.node.id) return { scenario: "pod-to-service-host", server: side(cluster, endpoint.ip, role) };
  throw new PlacementError(`endpoint ${formatEndpoint(endpoint)} is neither a pod nor the host stack of the client's node`);
}

export function placeConnection(cluster: Cluster, flow: Flow, direction: Direction, endpointHint?: Endpoint): Connection {
  const clientRole = addressRole(cluster, flow.src.ip);
  const dstRole = addressRole(cluster, flow.dst.ip);
  const connection = (scenario: Scenario, client: PodSide, server: PodSide, endpoint: Endpoint, vip?: Endpoint): Connection => {
    // One literal, one shape: object spreads here made V8 build every placed packet slowly.
    const placed: Connection = { cluster, scenario, direction, flow, endpoint, client, server };
    if (vip !== undefined) placed.vip = vip;
    return placed;
  };
  if (clientRole.kind === "pod") {
    const client = side(cluster, flow.src.ip, clientRole);
    if (dstRole.kind === "vip") {
      const endpoint = chooseEndpoint(cluster, flow, endpointHint);
      const { scenario, server } = serviceScenario(cluster, client, endpoint);
      return connection(scenario, client, server, endpoint, flow.dst);
    }
    if (dstRole.kind === "pod") {
      const server = side(cluster, flow.dst.ip, dstRole);
      return connection(dstRole.node.id === client.node.id ? "pod-to-pod-same-node" : "pod-to-pod-other-node", client, server, flow.dst);
    }
    if (dstRole.kind === "host" && dstRole.node.id === client.node.id) return connection("pod-to-host", client, side(cluster, flow.dst.ip, dstRole), flow.dst);
    if (dstRole.kind === "external") return connection("pod-to-internet", client, { ip: flow.dst.ip, node: client.node }, flow.dst);
    if (dstRole.kind === "unknown") throw new PlacementError(`${flow.dst.ip} is outside Contiv's address plan: a host address or the Internet? Describe the cluster (--cluster)`);
    throw new PlacementError(`a pod connecting to ${flow.dst.ip} (${dstRole.kind} of another node) is not a scenario of the packet-flow guide`);
  }
  if (clientRole.kind === "host") {
    const client = side(cluster, flow.src.ip, clientRole);
    if (dstRole.kind === "vip") {
      const endpoint = chooseEndpoint(cluster, flow, endpointHint);
      const role = addressRole(cluster, endpoint.ip);
      if (role.kind !== "pod" || role.node.id !== client.node.id) throw new PlacementError(`host-to-service is described for an endpoint pod on the host's node; ${formatEndpoint(endpoint)} is not one`);
      return connection("host-to-service", client, side(cluster, endpoint.ip, role), endpoint);
    }
    if (dstRole.kind === "pod" && dstRole.node.id === client.node.id) {
      const viaService = servicesWithEndpoint(cluster, flow.dst).length > 0;
      return connection(viaService ? "host-to-service" : "host-to-pod", client, side(cluster, flow.dst.ip, dstRole), flow.dst);
    }
    throw new PlacementError(`the host of ${clientRole.node.name} connecting to ${flow.dst.ip} is not a scenario of the packet-flow guide`);
  }
  throw new PlacementError(`${flow.src.ip} is ${clientRole.kind === "unknown" ? "outside Contiv's address plan" : `a ${clientRole.kind}`}: connections are placed from the client pod or host`);
}
