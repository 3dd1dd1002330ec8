/**
 * A model of VPP's forwarding state, independent of any Kubernetes data plane: per VPP
 * instance (one Kubernetes node), its interfaces with the features enabled on them, the
 * IPv4 FIB, static neighbours, bridge domains, NAT44 and ACL attachments. Plain data: a data
 * plane (src/dataplanes/<name>) renders its own description into it, and the reference
 * forwarder (src/forwarder) walks packets through it.
 *
 * Every object carries `why`: the configuration step that created it, in the data plane's
 * words, so that an expected hop can say what caused it (like ovn-trace prints the logical
 * flow behind each step).
 */

import type { Endpoint } from "../model/expectation.js";

export type { Endpoint };

/** What the model knows about a setting the description may leave open. */
export type Known = boolean | "unknown";

export type L4Protocol = "TCP" | "UDP";

/** `af-packet`: a `host-<veth>` interface (af-packet-input, `host-X-output`, `host-X-tx`);
 *  `local`: VPP's `local0`; `other`: a kind the model does not forward through. */
export type InterfaceKind = "tap" | "loopback" | "vxlan-tunnel" | "ethernet" | "af-packet" | "local" | "other";

/** A rule of an ACL as the ACL plugin holds it (`show acl-plugin acl`). */
export interface AclRule {
  /** The ACL's index and the rule's, as the trace's `match: acl N rule M` names them. */
  acl: number;
  index: number;
  /** 0 deny, 1 permit, 2 permit and reflect. */
  action: 0 | 1 | 2;
  src: string;
  dst: string;
  /** 0: any protocol. */
  proto: number;
  sport: [number, number];
  dport: [number, number];
  /** The rule as the state printed it, with its place (`file:line`). */
  why: string;
}

export interface AclAttachment {
  /** How the data plane calls this ACL: "reflective ACL", "global ACL", "policy ACL of pod …". */
  name: string;
  /** Permit and reflect (action 2, creating a session) on a miss; otherwise permit (action 1). */
  reflective: boolean;
  /** `unknown`: the description does not say whether this ACL is attached. */
  attached: Known;
  /** The network policies rendered into this ACL: a packet one of them denies gets action 0. */
  policies?: AclPolicy[];
  why: string;
  /** The ACLs' rules in the order the plugin evaluates them, when the state gives them:
   *  the first match decides, and a packet no rule matches is denied. */
  rules?: AclRule[];
}

/** One rule of a policy: the first that matches a packet decides. */
export interface AclPolicyRule {
  /** 0 deny, 1 allow. */
  action: 0 | 1;
  /** Prefixes of the peer (the source of an ingress packet, the destination of an egress
   *  one); any peer when absent. */
  peers?: string[];
  /** IP protocol number; any when absent. */
  proto?: number;
  /** The server's port (the packet's destination port); any when absent. */
  port?: number;
  why: string;
}

/** A network policy as far as it selects one address: the rules for its `ingress` (packets
 *  to it) or its `egress` (packets from it). A packet it selects that no rule matches is
 *  denied (a policy that selects a pod denies by default). */
export interface AclPolicy {
  selects: string;
  direction: "ingress" | "egress";
  rules: AclPolicyRule[];
  why: string;
}

export interface Nat44InterfaceRole {
  /** NAT "inside": in2out translation of packets entering here. */
  inside: Known;
  /** NAT "outside": out2in translation of packets entering here. */
  outside: boolean;
  /** Post-routing source NAT (`nat44-in2out-output`) on packets leaving here. */
  outputFeature: boolean;
  why: string;
}

export interface VxlanTunnel {
  src: string;
  dst: string;
  vni: number;
  /** UDP destination port of the encapsulation. */
  port: number;
  /** VPP prints the tunnel as `vxlan_tunnel<N>` (its pool index) when known. */
  instance?: number;
}

export interface VppInterface {
  /** Unique within its node, stable whether or not VPP's name is known (`tap@10.1.1.3`). */
  key: string;
  /** VPP's name (`tap2`, `GigabitEthernet0/8/0`), when the description gives it. */
  name?: string;
  /** A regular expression (source) matching VPP's name when `name` is unknown (`tap\d+`). */
  namePattern: string;
  kind: InterfaceKind;
  /** What the interface connects, in the data plane's words: "the TAP of pod 10.1.1.3". */
  description: string;
  swIfIndex?: number;
  mac?: string;
  /** The configuration item that gives `mac`. */
  macWhy?: string;
  /** Local addresses with their prefix length (`172.30.1.1/24`). */
  addresses: string[];
  bridgeDomain?: { id: number; bvi: boolean };
  nat44?: Nat44InterfaceRole;
  acl: { input?: AclAttachment; output?: AclAttachment };
  vxlan?: VxlanTunnel;
  /** The feature nodes enabled on each arc, in VPP's order, when the state lists them
   *  (`show interface features`): `ip4-unicast`, `ip4-output`, `l2-input`, `l2-input-ip4`… */
  features?: Record<string, string[]>;
  why: string;
}

export type FibPath =
  /** Forward to `via` out of `interface` (an adjacency: ip4-rewrite); `via` is undefined
   *  when the description does not give the next hop (a default gateway). A recursive path
   *  resolves `via` through the FIB to find the interface. */
  | { kind: "via"; via?: string; interface: string; recursive?: boolean }
  /** The prefix is on the link of `interface`: the destination itself is the next hop. */
  | { kind: "attached"; interface: string }
  /** A local address of VPP: delivered to ip4-local. */
  | { kind: "receive"; interface: string }
  | { kind: "drop" }
  /** A DPO the model does not forward by (a punt, an L3 proxy, a midchain…), as printed. */
  | { kind: "unmodelled"; text: string };

export interface FibEntry {
  prefix: string;
  path: FibPath;
  why: string;
}

export interface Neighbour {
  ip: string;
  /** Unknown for dynamically resolved neighbours (ARP). */
  mac?: string;
  interface: string;
  why: string;
}

export interface BridgeDomain {
  id: number;
  /** MAC learning (l2-learn on members that are not the BVI); unknown when not described. */
  learning?: boolean;
  /** Interface keys of the members, the BVI among them. */
  members: string[];
  bvi?: string;
  /** Static L2 FIB: destination MAC → member interface key. */
  l2fib: { mac: string; interface: string; why: string }[];
  why: string;
}

export interface StaticMapping {
  /** The mappings one object of the data plane installs (a service's VIP and NodePorts). */
  group: string;
  proto: L4Protocol;
  external: Endpoint;
  locals: Endpoint[];
  /** Only destination NAT of new connections towards `external` (no source NAT of locals). */
  out2inOnly: boolean;
  why: string;
}

/** An address (and port) translated to itself: its traffic gets a session but is not
 *  changed. Without `proto` and `port` it is address-only (`nat44 add identity mapping
 *  <ip>`): VPP matches it for any protocol and port, after the mappings with a port. */
export interface IdentityMapping {
  address: string;
  proto?: L4Protocol;
  port?: number;
  why: string;
}

export interface Nat44Config {
  staticMappings: StaticMapping[];
  identityMappings: IdentityMapping[];
  /** Addresses for dynamic source NAT (`nat44-in2out-output`). */
  pool: string[];
  /** `nat44 forwarding enable`: out2in passes packets it has no session or mapping for. */
  forwarding: boolean;
  /** The state does not say whether forwarding is on (VPP has no `show` for it). */
  forwardingUnknown?: boolean;
  /** `ed`: endpoint-dependent NAT (the `nat` plugin, nat44-ed-* nodes); `ei`: NAT44-EI.
   *  Undefined: the releases before the split (18.x), as the Contiv data plane renders. */
  flavour?: "ed" | "ei";
  why: string;
}

/** One VPP instance: the vswitch of one Kubernetes node. */
export interface VppNode {
  name: string;
  /** The VPP release the configuration came from (`26.06`), when known. */
  release?: string;
  interfaces: VppInterface[];
  fib: FibEntry[];
  neighbours: Neighbour[];
  bridgeDomains: BridgeDomain[];
  nat44: Nat44Config;
}

/** The VPP instances of a cluster, connected by an underlay that delivers to node addresses. */
export interface VppNetwork {
  nodes: VppNode[];
}
