import type { Endpoint } from "../../model/expectation.js";

export type { Endpoint };

/** The Contiv/VPP cluster model, with every Contiv default filled in (load.ts). */

export interface Ipam {
  podSubnetCIDR: string;
  podSubnetOneNodePrefixLen: number;
  vppHostSubnetCIDR: string;
  vppHostSubnetOneNodePrefixLen: number;
  nodeInterconnectCIDR: string;
  vxlanCIDR: string;
  serviceCIDR: string;
  vxlanVni: number;
  vxlanPort: number;
  bridgeDomain: number;
  podMac: string;
  tap0Mac: string;
}

export interface ClusterNode {
  name: string;
  id: number;
  /** VPP's name for the node's NIC, when the description gives it. */
  mainInterface?: string;
  /** Node interconnect address on the GbE (192.168.16.N). */
  ip: string;
  /** Addresses of the host network stack (besides vpp1): its management IPs. */
  hostIps: string[];
  /** The default gateway on the main interface, when the description gives it. */
  gateway?: string;
  /** VPP's name of the TAP to the host stack: `tap0`, or `tapcli-0` on a TAPv1 build. */
  hostTap: string;
  podSubnet: string;
  /** Virtual pod gateway 10.1.N.1: never assigned to an interface. */
  podGateway: string;
  /** tap0, the VPP side of the host interconnect (172.30.N.1). */
  tap0Ip: string;
  /** vpp1, the host side of the host interconnect (172.30.N.2). */
  vpp1Ip: string;
  loop0Ip: string;
  loop0Mac: string;
}

export interface ClusterPod {
  name?: string;
  ip: string;
  node: string;
  tap?: string;
  swIfIndex?: number;
  /** The pod is referenced by policies, so ACLs sit on its TAP; `unknown` for a pod the
   *  description does not list. */
  policies: boolean | "unknown";
  /** The pod backs a service, so Contiv marks its TAP NAT-inside (a "backend"); `unknown`
   *  unless a described service lists it or the file says. */
  serviceEndpoint: boolean | "unknown";
  /** Not in the description: an address of a node's pod subnet the traffic names. */
  implicit?: boolean;
}

export interface ClusterService {
  name?: string;
  vip: string;
  port: number;
  protocol: "TCP" | "UDP";
  endpoints: Endpoint[];
  /** The NodePort on every node's IP, for a NodePort service. */
  nodePort?: number;
}

/** A rule of a network policy (the first that matches decides). */
export interface ClusterPolicyRule {
  peers?: string[];
  protocol?: "TCP" | "UDP";
  port?: number;
  action: "allow" | "deny";
}

/** A network policy, its pods resolved to their IPs. */
export interface ClusterPolicy {
  name?: string;
  /** The IPs of the pods it selects. */
  pods: string[];
  /** Absent: the policy says nothing of that direction (it does not deny it by default). */
  ingress?: ClusterPolicyRule[];
  egress?: ClusterPolicyRule[];
}

export interface Cluster {
  ipam: Ipam;
  nodes: ClusterNode[];
  pods: ClusterPod[];
  services: ClusterService[];
  policies: ClusterPolicy[];
  /** Private networks outside the cluster (reached by the default route); a private address
   *  neither in them nor placed by the description is not known. */
  externalNetworks: string[];
  globalAcl: boolean;
  natExternalTraffic: boolean;
  /** False when built from Contiv defaults alone (`check` without --cluster). */
  described: boolean;
}
