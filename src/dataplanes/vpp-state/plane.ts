/**
 * VPP's own state as a data plane: the nodes rendered from their state dumps, walked as
 * they are. Connections are labelled by where their ends sit in the states — a pod is an
 * address behind an L3 interface whose own address is a /32 (the host route goes straight
 * to it), a service a static mapping's external address, `vpp` an address of VPP itself,
 * `external` what only a default route reaches — or, when nothing more is known, by the
 * interface that leads to them (`host-lv1h-to-pod`).
 */
import type { ConnectionEnds, DataPlane } from "../types.js";
import { fibLookup } from "../../vpp/fib.js";
import type { VppInterface, VppNetwork, VppNode } from "../../vpp/types.js";

interface Place {
  kind: string;
  node?: string;
  iface?: VppInterface;
}

const isPodLink = (iface: VppInterface): boolean => iface.addresses.length > 0 && iface.addresses.every((a) => a.endsWith("/32")) && (iface.kind === "af-packet" || iface.kind === "tap");

export class StateDataPlane implements DataPlane {
  readonly name = "vpp-state";
  readonly described = true;
  readonly infersServices = false;
  private readonly net: VppNetwork;
  private readonly places = new Map<string, Place>();

  constructor(readonly nodes: VppNode[]) {
    this.net = { nodes };
  }

  network(): VppNetwork {
    return this.net;
  }

  private placeOf(ip: string): Place {
    let place = this.places.get(ip);
    if (place === undefined) {
      place = this.computePlace(ip);
      if (this.places.size > 4096) this.places.clear();
      this.places.set(ip, place);
    }
    return place;
  }

  private computePlace(ip: string): Place {
    if (this.nodes.some((n) => n.nat44.staticMappings.some((m) => m.external.ip === ip))) return { kind: "service" };
    for (const node of this.nodes) {
      const own = node.interfaces.find((i) => i.addresses.some((a) => a.split("/")[0] === ip));
      if (own !== undefined) return { kind: "vpp", node: node.name, iface: own };
    }
    let fallback: Place | undefined;
    // A node that has the address behind one of its devices outranks one that reaches it
    // through a tunnel.
    const remote = (p: Place | undefined): boolean => p?.kind === "remote";
    for (const node of this.nodes) {
      const r = safeLookup(node, ip);
      if (r === undefined || r.kind !== "forward") continue;
      const prefix = Number(r.entry.prefix.split("/")[1]);
      if (prefix === 0) continue;
      if (prefix === 32 && r.nextHop === ip && isPodLink(r.interface)) return { kind: "pod", node: node.name, iface: r.interface };
      // Routed into a bridge domain (a BVI): behind the tunnel to another node.
      if (r.interface.kind === "loopback") fallback ??= { kind: "remote", iface: r.interface };
      else if (r.interface.kind !== "vxlan-tunnel" && (fallback === undefined || remote(fallback))) fallback = { kind: r.interface.name ?? r.interface.key, node: node.name, iface: r.interface };
    }
    if (fallback !== undefined) return fallback;
    return this.nodes.some((n) => safeLookup(n, ip)?.kind === "forward") ? { kind: "external" } : { kind: "unrouted" };
  }

  unplaced(ip: string): string | undefined {
    return this.placeOf(ip).kind === "unrouted" ? `no node's FIB routes ${ip} (show ip fib): where it enters VPP is not known` : undefined;
  }

  describe(ip: string): string {
    const p = this.placeOf(ip);
    const on = p.node === undefined ? "" : ` on ${p.node}`;
    switch (p.kind) {
      case "pod":
        return `pod ${ip}${on} (${p.iface?.name})`;
      case "service":
        return `service ${ip}`;
      case "vpp":
        return `${ip}, an address of VPP${on} (${p.iface?.name})`;
      case "external":
        return `${ip}, outside (reached by a default route)`;
      case "remote":
        return `${ip}, behind ${p.iface?.name} (a bridge domain's tunnel to another node)`;
      default:
        return `${ip}${on}${p.iface === undefined ? "" : ` behind ${p.iface.name}`}`;
    }
  }

  label(ends: ConnectionEnds): string {
    const client = this.placeOf(ends.client);
    const server = this.placeOf(ends.server);
    const same = client.node !== undefined && client.node === server.node;
    const side = client.node === undefined || server.node === undefined || this.nodes.length < 2 ? "" : same ? "-same-node" : "-other-node";
    const to = ends.viaService ? (server.kind === "pod" ? "service" : `service-${server.kind}`) : server.kind;
    return `${client.kind}-to-${to}${server.kind === "pod" || client.kind === "pod" ? side : ""}`;
  }
}

function safeLookup(node: VppNode, ip: string): ReturnType<typeof fibLookup> | undefined {
  try {
    return fibLookup(node, ip);
  } catch {
    return undefined;
  }
}
