/** What the reference forwarder expects of a packet: per Kubernetes node, the ordered VPP
 *  graph nodes and the values on them, in the same vocabulary as the parsed records. */
import type { Endpoint } from "../dataplanes/contiv/cluster.js";

export const SCENARIOS = [
  "pod-to-pod-same-node",
  "pod-to-pod-other-node",
  "pod-to-host",
  "host-to-pod",
  "pod-to-internet",
  "pod-to-service-same-node",
  "pod-to-service-other-node",
  "pod-to-service-host",
  "host-to-service",
] as const;

export type Scenario = (typeof SCENARIOS)[number];
export type Direction = "request" | "response";
export type NodeRole = "client-node" | "server-node" | "node";

export interface Flow {
  proto: "TCP" | "UDP";
  src: Endpoint;
  dst: Endpoint;
}

/** A NAT stage: the NAT nodes one packet crosses at one point of its path. */
export interface NatExpectation {
  stage: string;
  /** `session`: a session ≥ 0 translates (or, for identity mappings, keeps) the packet;
   *  `none`: session -1, nothing translated. */
  session: "session" | "none";
  /** The translation the stage applies, when it changes the packet. */
  translate?: { field: "src" | "dst"; from: string; to: string };
}

export interface HopExpectation {
  /** 0 deny, 1 permit, 2 permit+reflect, 3 existing session. */
  aclAction?: number;
  nat?: NatExpectation;
  /** TTL of the IPv4 header this node prints (the inner header unless `outer`). */
  ttl?: number;
  /** The header is the VXLAN outer one. */
  outer?: boolean;
  /** The interface the packet leaves by (ip4-rewrite, `<if>-output`, `<if>-tx`). */
  egress?: string;
  /** sw_if_index of that interface, when the cluster file gives it. */
  egressSwIfIndex?: number;
  /** sw_if_index an ACL record should name, when the cluster file gives it. */
  aclSwIfIndex?: number;
  vni?: number;
}

export interface ExpectedHop {
  /** The VPP graph node (exact name when known, e.g. `tap2-output`). */
  node: string;
  /** Regular expression (source) of node names that fill this place, e.g. any pod TAP's output. */
  pattern: string;
  optional: boolean;
  /** Where this hop is, in the guide's words: `client pod TAP`, `tap0`, `GbE`, `loop0`. */
  at: string;
  expect: HopExpectation;
}

export interface ExpectedNodePath {
  k8sNode: string;
  role: NodeRole;
  hops: ExpectedHop[];
}

export interface ExpectedPaths {
  scenario: Scenario;
  direction: Direction;
  /** The connection as the client opened it (client → server or service VIP). */
  flow: Flow;
  /** Where the connection really goes, after service load-balancing. */
  endpoint: Endpoint;
  paths: ExpectedNodePath[];
}

export const SCENARIO_DESCRIPTIONS: Record<Scenario, string> = {
  "pod-to-pod-same-node": "a pod connects to a pod on the same node: pod TAP → pod TAP",
  "pod-to-pod-other-node": "a pod connects to a pod on another node: pod TAP → loop0 → VXLAN over the GbE → loop0 → pod TAP",
  "pod-to-host": "a pod connects to the host network stack of its node: pod TAP → tap0",
  "host-to-pod": "the host stack connects to a pod on its node: tap0 → pod TAP",
  "pod-to-internet": "a pod connects outside the cluster: pod TAP → GbE, source-NATed to the node IP",
  "pod-to-service-same-node": "a pod connects to a service whose chosen endpoint is on the same node: nat44-out2in translates the VIP",
  "pod-to-service-other-node": "a pod connects to a service whose chosen endpoint is on another node: VIP translated, then VXLAN",
  "pod-to-service-host": "a pod connects to a service whose endpoint is in the host stack: VIP translated, then tap0",
  "host-to-service": "the host connects to a service: kube-proxy has already chosen the endpoint, so VPP sees host-to-pod",
};

export interface Divergence {
  /** `unexpected`: a record where the path has another node; `missing`: the trace ends first. */
  kind: "unexpected" | "missing";
  /** The record at the divergence (for `missing`, the last record). */
  recordIndex: number;
  /** The hop the path expected there. */
  hop: ExpectedHop;
  /** The last hop that matched, for context. */
  after?: ExpectedHop;
}

export interface Alignment {
  /** For each record, the hop it fills (undefined after a divergence). */
  hops: (ExpectedHop | undefined)[];
  divergence?: Divergence;
}

/** What the scenario rules get for a classified packet. */
export interface PacketExpectation {
  scenario: Scenario;
  direction: Direction;
  k8sNode: string;
  role: NodeRole;
  expected: ExpectedPaths;
  path: ExpectedNodePath;
  alignment: Alignment;
}
