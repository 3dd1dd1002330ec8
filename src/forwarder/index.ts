/**
 * The reference forwarder: cluster + flow in, expected path out. Pure: it reads no trace.
 */
import type { Cluster, Endpoint } from "../dataplanes/contiv/cluster.js";
import type { Direction, ExpectedNodePath, ExpectedPaths, Flow, Scenario } from "../model/expectation.js";
import type { Connection } from "./connection.js";
import { hostToPodPaths, podToHostPaths } from "./host.js";
import { internetPaths } from "./internet.js";
import { placeConnection } from "./place.js";
import { otherNodePaths, sameNodePaths } from "./pod-to-pod.js";

const BUILDERS: Record<Scenario, (c: Connection) => ExpectedNodePath[]> = {
  "pod-to-pod-same-node": sameNodePaths,
  "pod-to-service-same-node": sameNodePaths,
  "pod-to-pod-other-node": otherNodePaths,
  "pod-to-service-other-node": otherNodePaths,
  "pod-to-host": podToHostPaths,
  "pod-to-service-host": podToHostPaths,
  "host-to-pod": hostToPodPaths,
  "host-to-service": hostToPodPaths,
  "pod-to-internet": internetPaths,
};

export function pathsFor(connection: Connection): ExpectedPaths {
  return {
    scenario: connection.scenario,
    direction: connection.direction,
    flow: connection.flow,
    endpoint: connection.endpoint,
    paths: BUILDERS[connection.scenario](connection),
  };
}

/** Expected paths of the `direction` packet of the connection `flow` (as the client opened it). */
export function expectPaths(cluster: Cluster, flow: Flow, direction: Direction, endpoint?: Endpoint): ExpectedPaths {
  return pathsFor(placeConnection(cluster, flow, direction, endpoint));
}

export { PlacementError, placeConnection } from "./place.js";
export { parseFlow, FlowSyntaxError } from "./flow.js";
