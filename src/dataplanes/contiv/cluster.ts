/** The Contiv/VPP cluster model, with every Contiv default filled in (src/cluster/load.ts). */

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
  mainInterface: string;
  /** Node interconnect address on the GbE (192.168.16.N). */
  ip: string;
  /** Addresses of the host network stack (besides vpp1). */
  hostIps: string[];
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
  /** The pod is referenced by policies, so ACLs sit on its TAP. */
  policies: boolean;
}

export interface Endpoint {
  ip: string;
  port: number;
}

export interface ClusterService {
  name?: string;
  vip: string;
  port: number;
  protocol: "TCP" | "UDP";
  endpoints: Endpoint[];
}

export interface Cluster {
  ipam: Ipam;
  nodes: ClusterNode[];
  pods: ClusterPod[];
  services: ClusterService[];
  globalAcl: boolean;
  natExternalTraffic: boolean;
  /** False when built from Contiv defaults alone (`check` without --cluster). */
  described: boolean;
}
