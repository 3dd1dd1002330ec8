/** What the reference forwarder expects of a packet: per Kubernetes node it crosses, the
 *  ordered VPP graph nodes, the values on them, and the configuration behind each, in the
 *  same vocabulary as the parsed records. */

export interface Endpoint {
  ip: string;
  port: number;
}

/** A connection as its client opened it. An ICMP echo's "ports" are its identifier on both
 *  ends: what VPP's NAT44 keys an echo's session by (the identifier is translated as a port)
 *  and what the forwarder walks (src/forwarder/icmp.ts). */
export interface Flow {
  proto: "TCP" | "UDP" | "ICMP";
  src: Endpoint;
  dst: Endpoint;
}

/** The IP protocol number of each transport a flow may name. */
export const PROTOCOL_NUMBER = { TCP: 6, UDP: 17, ICMP: 1 } as const;

/** The nine scenarios of the Contiv/VPP packet-flow guide. Other connections get labels of
 *  the same form (`host-to-pod-other-node`, `pod-to-gateway`): a label names where the
 *  endpoints sit, it does not choose the path. */
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
/** How many of a connection's first two packets — the client's first, the server's first
 *  reply — crossed VPP before this one: what sessions it meets. */
export type History = 0 | 1 | 2;

/** Where a packet is in its connection, in words: the first packet (a SYN), the first
 *  reply (a SYN-ACK), the first packet again (a retransmitted SYN), a packet of an
 *  established connection; `unknown` where the trace leaves several histories possible
 *  (a UDP packet, a reset), and the expectation is what any of them would show. */
export type Phase = "open" | "reply" | "retransmitted" | "established" | "unknown";

/** The phase that names a set of possible histories. */
export function phaseOf(histories: readonly History[], direction: Direction): Phase {
  if (histories.length !== 1) return "unknown";
  const [h] = histories;
  if (h === 0) return "open";
  if (h === 2) return "established";
  return direction === "response" ? "reply" : "retransmitted";
}

/** The histories a phase stands for. */
export function historiesOf(phase: Phase, direction: Direction): History[] {
  switch (phase) {
    case "open":
      return [0];
    case "reply":
      return [1];
    case "retransmitted":
      return direction === "request" ? [1] : [2];
    case "established":
      return [2];
    case "unknown":
      return direction === "request" ? [0, 1, 2] : [1, 2];
  }
}
export type NodeRole = "client-node" | "server-node" | "node";

/**
 * A TTL relative to what the model cannot know absolutely: `entered`, the TTL the packet
 * (its inner header) entered the cluster with; `arrived`, the VXLAN outer TTL as it
 * arrived from the underlay (routers may lie between nodes); `set`, a value VPP writes
 * itself (VXLAN encapsulation). `value` is the offset, or the TTL for `set`.
 */
export interface TtlExpectation {
  basis: "entered" | "arrived" | "set";
  value: number;
}

/** A NAT stage: the NAT nodes one packet crosses at one point of its path (fast path and
 *  slow path). */
export interface NatExpectation {
  stage: string;
  /** `session`: a session ≥ 0 translates (or, for an identity mapping, keeps) the packet;
   *  `none`: session -1, nothing translated. */
  session: "session" | "none";
  /** The session is an identity mapping: it changes nothing. */
  identity?: boolean;
  /** The translation the stage applies; `allowed` lists every value the configuration
   *  permits when load balancing chose one of several (`to` is the one taken). */
  translate?: { field: "src" | "dst"; from: string; to: string; allowed?: string[] };
}

export interface HopExpectation {
  /** Actions the ACL may print: 1 permit, 2 permit+reflect, 3 existing session (several when
   *  the connection's history is unknown). */
  aclActions?: number[];
  nat?: NatExpectation;
  ttl?: TtlExpectation;
  /** The TTL is that of the VXLAN outer header. */
  outer?: boolean;
  /** The interface the packet leaves by (ip4-rewrite, `<if>-output`, `<if>-tx`), when its
   *  name is known. */
  egress?: string;
  egressSwIfIndex?: number;
  /** sw_if_index an output ACL record should name, when known. */
  aclSwIfIndex?: number;
  /** The ACL and rule that decide, when the configuration holds the rules (`match: acl N rule M`). */
  aclRule?: { acl: number; rule: number };
  /** The interface the packet entered by, on the hops of its input side (device input, ACL
   *  and NAT input features): what their sw_if_index should name. */
  input?: InputExpectation;
  /** The next hop ip4-rewrite resolves (`ipv4 via …`). */
  via?: string;
  /** The Ethernet addresses the rewrite writes (ip4-rewrite's rewrite string), as far as
   *  the configuration gives them: the next hop's MAC (a static neighbour) and the output
   *  interface's own. */
  macs?: { dst?: MacExpectation; src?: MacExpectation };
  vni?: number;
  /** The VXLAN outer header as the encapsulating node builds it. */
  tunnel?: { src: string; dst: string; port: number };
  /** The packet is dropped here, and why. */
  drop?: string;
}

/** The interface a packet enters by, as far as the configuration numbers it, and the
 *  node's other interfaces whose sw_if_index it gives (a record naming one of those says
 *  the packet entered elsewhere). */
export interface InputExpectation {
  at: string;
  swIfIndex?: number;
  others: { swIfIndex: number; at: string }[];
}

/** A MAC the configuration gives, and the configuration item that gives it. */
export interface MacExpectation {
  mac: string;
  why: string;
}

export interface ExpectedHop {
  /** The VPP graph node (exact name when known, e.g. `tap2-output`). */
  node: string;
  /** Regular expression (source) of node names that fill this place. */
  pattern: string;
  optional: boolean;
  /** Where this hop is: the interface (and what it connects), the bridge domain, the tunnel. */
  at: string;
  expect: HopExpectation;
  /** The configuration that makes VPP do this: FIB entry, mapping, ACL, feature. */
  why: string[];
}

export interface ExpectedNodePath {
  k8sNode: string;
  role: NodeRole;
  hops: ExpectedHop[];
  /** The packet is delivered to VPP itself at the end: what follows (its host stack) is
   *  not the forwarder's to expect. */
  openEnd?: boolean;
}

export interface ExpectedPaths {
  /** The connection's label: a scenario of the packet-flow guide, or one of its form. */
  scenario: string;
  direction: Direction;
  phase: Phase;
  /** The connection as the client opened it (client → server or service address). */
  flow: Flow;
  /** Where the connection really goes, after service load-balancing. */
  endpoint: Endpoint;
  /** The TTL the packet entered with, when given (`expect --ttl`). */
  ttl?: number;
  paths: ExpectedNodePath[];
  /** How the walk ends: delivered, left the cluster, dropped. */
  outcome: string;
  /** When the packet's possible histories give walks of different shapes (an earlier packet
   *  left a session, or did not), the walks of the others, kept apart: the trace shows
   *  which one the packet took. */
  alternatives?: AlternativePaths[];
}

/** The walk of some of a packet's possible histories, of another shape than the main one. */
export interface AlternativePaths {
  histories: History[];
  phase: Phase;
  paths: ExpectedNodePath[];
  outcome: string;
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

/** What the expectation rules get for a placed packet: its expected path on the node it
 *  was captured on, aligned with its records, and the TTLs that anchor relative ones. */
export interface PacketExpectation {
  scenario: string;
  direction: Direction;
  phase: Phase;
  k8sNode: string;
  role: NodeRole;
  expected: ExpectedPaths;
  path: ExpectedNodePath;
  alignment: Alignment;
  /** The values of the TTL bases as this capture shows them. */
  ttlBasis: { entered?: number; arrived?: number };
  /** The packet was captured on a node its path does not cross: why that is wrong. */
  offPath?: string;
}

/** The TTL a hop expects, given the capture's bases; undefined when its basis is unknown. */
export function expectedTtl(ttl: TtlExpectation, basis: PacketExpectation["ttlBasis"]): number | undefined {
  if (ttl.basis === "set") return ttl.value;
  const base = basis[ttl.basis];
  return base === undefined ? undefined : base + ttl.value;
}

/** `T−1`, `A`, `254`: a TTL expectation as text, for a reader who knows T and A. */
export function formatTtl(ttl: TtlExpectation, entered?: number): string {
  if (ttl.basis === "set") return String(ttl.value);
  if (ttl.basis === "entered" && entered !== undefined) return String(entered + ttl.value);
  const symbol = ttl.basis === "entered" ? "T" : "A";
  return ttl.value === 0 ? symbol : `${symbol}${ttl.value > 0 ? "+" : "−"}${Math.abs(ttl.value)}`;
}

/** An observed packet placed on its expected path, or why it could not be. */
export type PacketMatch = { kind: "placed"; expectation: PacketExpectation } | { kind: "unplaced"; reason: string };
