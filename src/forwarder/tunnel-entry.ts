/**
 * Where a packet from beyond a VXLAN tunnel enters the nodes the configuration holds: when
 * no node has its source behind a device interface but one routes it through a BVI into a
 * bridge domain whose L2 FIB sends it to a tunnel, the packet arrives encapsulated from the
 * tunnel's remote end, on the interface facing that end (the state of one node of a cluster:
 * the other node's pods are behind the tunnel).
 */
import type { WalkPacket } from "./walk.js";
import { fibLookup } from "../vpp/fib.js";
import type { VppInterface, VppNetwork, VppNode } from "../vpp/types.js";

export interface TunnelEntry {
  node: VppNode;
  /** The interface the encapsulated packet arrives by. */
  iface: VppInterface;
  /** The packet as it arrives: the VXLAN outer header around the connection's packet. */
  packet: WalkPacket;
}

function tunnelTowards(node: VppNode, src: string): VppInterface | undefined {
  const route = fibLookup(node, src);
  if (route.kind !== "forward" || route.interface.kind !== "loopback") return undefined;
  const bd = node.bridgeDomains.find((b) => b.id === route.interface.bridgeDomain?.id);
  const mac = node.neighbours.find((n) => n.ip === route.nextHop && n.interface === route.interface.key)?.mac;
  const entry = bd?.l2fib.find((e) => e.mac === mac);
  const member = entry === undefined ? undefined : node.interfaces.find((i) => i.key === entry.interface);
  return member?.vxlan === undefined ? undefined : member;
}

export function tunnelEntryFor(network: VppNetwork, packet: WalkPacket): TunnelEntry | undefined {
  for (const node of network.nodes) {
    const tunnel = tunnelTowards(node, packet.src);
    if (tunnel === undefined) continue;
    const t = tunnel.vxlan!;
    const underlay = fibLookup(node, t.dst);
    if (underlay.kind !== "forward") continue;
    const outer: WalkPacket = { proto: 17, src: t.dst, dst: t.src, dstPort: t.port, srcPortKey: `vxlan from ${t.dst}: ${packet.src}:${packet.srcPort ?? "*"} > ${packet.dst}:${packet.dstPort ?? "*"}`, ttl: { basis: "arrived", value: 0 }, inner: packet };
    return { node, iface: underlay.interface, packet: outer };
  }
  return undefined;
}
