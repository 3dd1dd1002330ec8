/** What Contiv configures when the cluster file says nothing: its default IPAM, the addresses
 *  it derives from a node id, and the cluster of a run without `--cluster`. */
import type { Cluster, ClusterNode, Ipam } from "./cluster.js";
import { hostAddress, subnet } from "../../model/ip4.js";

export const CONTIV_IPAM: Ipam = {
  podSubnetCIDR: "10.1.0.0/16",
  podSubnetOneNodePrefixLen: 24,
  vppHostSubnetCIDR: "172.30.0.0/16",
  vppHostSubnetOneNodePrefixLen: 24,
  nodeInterconnectCIDR: "192.168.16.0/24",
  vxlanCIDR: "192.168.30.0/24",
  serviceCIDR: "10.96.0.0/12",
  vxlanVni: 10,
  vxlanPort: 4789,
  bridgeDomain: 1,
  podMac: "00:00:00:00:00:02",
  tap0Mac: "01:23:45:67:89:42",
};

/** Addresses Contiv derives from a node id N. */
export function nodeFromId(ipam: Ipam, name: string, id: number, extra: Partial<ClusterNode> = {}): ClusterNode {
  const podSubnet = subnet(ipam.podSubnetCIDR, ipam.podSubnetOneNodePrefixLen, id);
  const hostSubnet = subnet(ipam.vppHostSubnetCIDR, ipam.vppHostSubnetOneNodePrefixLen, id);
  return {
    name,
    id,
    ...(extra.mainInterface === undefined ? {} : { mainInterface: extra.mainInterface }),
    ip: extra.ip ?? hostAddress(ipam.nodeInterconnectCIDR, id),
    hostIps: extra.hostIps ?? [],
    ...(extra.gateway === undefined ? {} : { gateway: extra.gateway }),
    hostTap: extra.hostTap ?? "tap0",
    podSubnet,
    podGateway: hostAddress(podSubnet, 1),
    tap0Ip: hostAddress(hostSubnet, 1),
    vpp1Ip: hostAddress(hostSubnet, 2),
    loop0Ip: hostAddress(ipam.vxlanCIDR, id),
    loop0Mac: `1a:2b:3c:4d:5e:${id.toString(16).padStart(2, "0")}`,
  };
}

/** The cluster Contiv's defaults describe when no file is given: nodes appear as the
 *  traces name them (a pod 10.1.N.x implies node N). */
export function defaultCluster(): Cluster {
  return { ipam: CONTIV_IPAM, nodes: [], pods: [], services: [], policies: [], externalNetworks: [], globalAcl: true, natExternalTraffic: true, described: false };
}
