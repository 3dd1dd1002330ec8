/**
 * The reference forwarder, like ovn-trace: a data plane's configuration and a connection
 * in, the walk of its packet through VPP's graph on every node it crosses out, each hop
 * with the configuration that caused it. Pure: it reads no trace.
 */
import type { DataPlane } from "../dataplanes/types.js";
import type { Direction, Endpoint, ExpectedNodePath, ExpectedPaths, Flow, NodeRole, Phase } from "../model/expectation.js";
import { simulateConnection, type SimulatedConnection } from "./connection.js";
import { PlacementError } from "./entry.js";
import type { Outcome, Walk } from "./walk.js";

export interface ExpectOptions {
  direction: Direction;
  /** Default: `open` for a request, `reply` for a response. */
  phase?: Phase;
  endpoint?: Endpoint;
  snatPort?: number;
  /** The TTL the packet entered with, to print absolute values. */
  ttl?: number;
}

function roles(count: number, direction: Direction): NodeRole[] {
  if (count === 1) return ["node"];
  const sender: NodeRole = direction === "request" ? "client-node" : "server-node";
  const receiver: NodeRole = direction === "request" ? "server-node" : "client-node";
  return [sender, ...Array<NodeRole>(count - 1).fill(receiver)];
}

export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case "delivered":
      return `delivered on ${outcome.node.name} to ${outcome.to.description} by ${outcome.to.name ?? outcome.to.namePattern}`;
    case "left":
      return `leaves the cluster from ${outcome.node.name} by ${outcome.by.name ?? outcome.by.description}${outcome.nextHop === undefined ? "" : ` towards ${outcome.nextHop}`}`;
    case "local":
      return `delivered to VPP itself on ${outcome.node.name}`;
    case "dropped":
      return `dropped on ${outcome.node.name}: ${outcome.why}`;
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
  const phase = options.phase ?? (options.direction === "request" ? "open" : "reply");
  const addresses = options.endpoint === undefined ? [flow.src.ip, flow.dst.ip] : [flow.src.ip, flow.dst.ip, options.endpoint.ip];
  const simulated = simulateConnection(plane.network(addresses), flow, { direction: options.direction, phase, endpoint: options.endpoint, snatPort: options.snatPort });
  const expected: ExpectedPaths = {
    scenario: plane.label({ client: flow.src.ip, server: simulated.endpoint.ip, viaService: simulated.viaService }),
    direction: options.direction,
    phase,
    flow,
    endpoint: simulated.endpoint,
    paths: pathsOf(simulated.walk, options.direction),
    outcome: describeOutcome(simulated.walk.outcome),
  };
  if (options.ttl !== undefined) expected.ttl = options.ttl;
  return { expected, simulated };
}

export function expectPaths(plane: DataPlane, flow: Flow, options: ExpectOptions): ExpectedPaths {
  return expectConnection(plane, flow, options).expected;
}

export { PlacementError } from "./entry.js";
export { UnknownChoiceError } from "../vpp/nat44.js";
export { ForwardingLoopError } from "./walk.js";
export { parseFlow, parseEndpoint, FlowSyntaxError } from "./flow.js";
