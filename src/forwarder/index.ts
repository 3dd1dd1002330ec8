/**
 * The reference forwarder, like ovn-trace: a data plane's configuration and a connection
 * in, the walk of its packet through VPP's graph on every node it crosses out, each hop
 * with the configuration that caused it. Pure: it reads no trace.
 */
import type { DataPlane } from "../dataplanes/types.js";
import { historiesOf, phaseOf, type Direction, type Endpoint, type ExpectedNodePath, type ExpectedPaths, type Flow, type History, type NodeRole, type Phase } from "../model/expectation.js";
import { simulateConnection, type SimulatedConnection } from "./connection.js";
import { PlacementError } from "./entry.js";
import { displayName } from "./graph.js";
import type { Outcome, Walk } from "./walk.js";
import type { VppNetwork } from "../vpp/types.js";

export interface ExpectOptions {
  direction: Direction;
  /** Default: `open` for a request, `reply` for a response. */
  phase?: Phase;
  /** The packet's possible histories, when known more finely than a phase says. */
  histories?: History[];
  endpoint?: Endpoint;
  snatPort?: number;
  /** The TTL the packet entered with, to print absolute values. */
  ttl?: number;
  /** Refuse an `endpoint` that is none of the service's (a user's choice, not a trace's). */
  strictEndpoint?: boolean;
}

function roles(count: number, direction: Direction): NodeRole[] {
  if (count === 1) return ["node"];
  const sender: NodeRole = direction === "request" ? "client-node" : "server-node";
  const receiver: NodeRole = direction === "request" ? "server-node" : "client-node";
  return [sender, ...Array<NodeRole>(count - 1).fill(receiver)];
}

/** How the walk ends, as a sentence whose subject is the packet. */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case "delivered":
      return `is delivered on ${outcome.node.name} to ${outcome.to.description} by ${displayName(outcome.to)}`;
    case "left":
      return `leaves the cluster from ${outcome.node.name} by ${displayName(outcome.by)}${outcome.nextHop === undefined ? "" : ` towards ${outcome.nextHop}`}`;
    case "local":
      return `is delivered to VPP itself on ${outcome.node.name}`;
    case "dropped":
      return `is dropped on ${outcome.node.name}: ${outcome.why}`;
  }
}

export function pathsOf(walk: Walk, direction: Direction): ExpectedNodePath[] {
  const r = roles(walk.segments.length, direction);
  return walk.segments.map((s, i) => {
    const path: ExpectedNodePath = { k8sNode: s.node.name, role: r[i], hops: s.hops };
    if (s.openEnd) path.openEnd = true;
    return path;
  });
}

/** An endpoint given by hand must be one of the service's. */
function checkEndpoint(network: VppNetwork, flow: Flow, endpoint: Endpoint): void {
  const mapping = network.nodes.flatMap((n) => n.nat44.staticMappings).find((m) => m.external.ip === flow.dst.ip && m.external.port === flow.dst.port);
  const dst = `${flow.dst.ip}:${flow.dst.port}`;
  if (mapping === undefined) throw new PlacementError(`--endpoint ${endpoint.ip}:${endpoint.port}: ${dst} is no service address, so there is no endpoint to choose`);
  if (!mapping.locals.some((l) => l.ip === endpoint.ip && l.port === endpoint.port)) {
    throw new PlacementError(`${endpoint.ip}:${endpoint.port} is not an endpoint of ${dst} (its endpoints: ${mapping.locals.map((l) => `${l.ip}:${l.port}`).join(", ")})`);
  }
}

/** The connection's addresses must be ones the data plane can place. */
function checkPlaceable(plane: DataPlane, flow: Flow): void {
  for (const ip of [flow.src.ip, flow.dst.ip]) {
    const reason = plane.unplaced(ip);
    if (reason !== undefined) throw new PlacementError(reason);
  }
}

/** The expected paths of the `direction` packet of the connection `flow` (as the client
 *  opened it), and the simulation behind them. */
export function expectConnection(plane: DataPlane, flow: Flow, options: ExpectOptions): { expected: ExpectedPaths; simulated: SimulatedConnection } {
  checkPlaceable(plane, flow);
  const histories = options.histories ?? historiesOf(options.phase ?? (options.direction === "request" ? "open" : "reply"), options.direction);

  const addresses = options.endpoint === undefined ? [flow.src.ip, flow.dst.ip] : [flow.src.ip, flow.dst.ip, options.endpoint.ip];
  const network = plane.network(addresses);
  if (options.strictEndpoint && options.endpoint !== undefined) checkEndpoint(network, flow, options.endpoint);
  const simulated = simulateConnection(network, flow, { direction: options.direction, histories, endpoint: options.endpoint, snatPort: options.snatPort });
  const expected: ExpectedPaths = {
    scenario: plane.label({ client: flow.src.ip, server: simulated.endpoint.ip, viaService: simulated.viaService }),
    direction: options.direction,
    phase: phaseOf(simulated.histories, options.direction),
    flow,
    endpoint: simulated.endpoint,
    paths: pathsOf(simulated.walk, options.direction),
    outcome: describeOutcome(simulated.walk.outcome),
  };
  if (options.ttl !== undefined) expected.ttl = options.ttl;
  if (simulated.alternatives.length > 0) {
    expected.alternatives = simulated.alternatives.map((a) => ({ histories: a.histories, phase: phaseOf(a.histories, options.direction), paths: pathsOf(a.walk, options.direction), outcome: describeOutcome(a.walk.outcome) }));
  }
  return { expected, simulated };
}

export function expectPaths(plane: DataPlane, flow: Flow, options: ExpectOptions): ExpectedPaths {
  return expectConnection(plane, flow, options).expected;
}

export { PlacementError } from "./entry.js";
export { NotModelledError, UnknownChoiceError } from "../vpp/nat44.js";
export { ForwardingLoopError } from "./walk.js";
export { parseFlow, parseEndpoint, FlowSyntaxError } from "./flow.js";
