/** A connection placed in the cluster: who the client and the server are and on which
 *  nodes, what the client asked for and which endpoint serves it. */
import type { Cluster, Endpoint } from "../dataplanes/contiv/cluster.js";
import type { Direction, Flow, NatExpectation, Scenario } from "../model/expectation.js";
import { formatEndpoint } from "../dataplanes/contiv/index.js";
import type { PodSide } from "./hops.js";

export interface Connection {
  cluster: Cluster;
  scenario: Scenario;
  direction: Direction;
  flow: Flow;
  endpoint: Endpoint;
  client: PodSide;
  server: PodSide;
  /** The service VIP:port the client addressed, for service scenarios. */
  vip?: Endpoint;
}

/** The request's destination NAT of a service VIP, or none. */
export function serviceDnat(c: Connection, stage: string): NatExpectation {
  if (c.vip === undefined) return { stage, session: "none" };
  return { stage, session: "session", translate: { field: "dst", from: formatEndpoint(c.vip), to: formatEndpoint(c.endpoint) } };
}

/** The response's source NAT back to the service VIP, or none. */
export function serviceUnNat(c: Connection, stage: string): NatExpectation {
  if (c.vip === undefined) return { stage, session: "none" };
  return { stage, session: "session", translate: { field: "src", from: formatEndpoint(c.endpoint), to: formatEndpoint(c.vip) } };
}

export const noNat = (stage: string): NatExpectation => ({ stage, session: "none" });
