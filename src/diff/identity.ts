/**
 * What identifies a packet for the diff: its flow (the first TCP/UDP header, the inner one
 * for a VXLAN packet, before any NAT) and direction. When two packets of different flows are
 * compared, the endpoints' identities — addresses, ports, their interfaces and the ACLs
 * rendered for their policies — are named by role, so that what is compared is the path and
 * the verdicts, not who the endpoints are.
 */
import type { Packet } from "../model/trace.js";
import { own } from "../model/own.js";
import { headerViews, type HeaderView } from "../trace/headers.js";

export interface PacketIdentity {
  key: string;
  /** The flow without the client's (ephemeral) port, and which way it goes. */
  looseKey: string;
  direction: "request" | "response" | "-";
  /** The client sent this packet: its source port is the ephemeral one. */
  clientIsSrc: boolean;
  /** The connection without the client's port (`tcp 10.1.1.2 > 10.1.1.3:8080`), one name for
   *  both ways: what a volatile value's mapping is kept per (src/diff/correspondence.ts). */
  connection: string;
  /** The client's address alone, with the direction: a re-capture whose server answered from
   *  another address or port still pairs with the packet of A, and the change is named. */
  clientKey: string;
  first?: HeaderView;
}

const TCP_SYN = 0x02;
const TCP_ACK = 0x10;

/**
 * Which side of each connection of one trace is the client: learnt from the SYN (client to
 * server) and SYN-ACK (server to client) of the connection; for a connection whose handshake
 * is not in the trace, the side with the higher port — the ephemeral range (Linux's
 * 32768–60999, VPP's NAT pool ports from 1024) sits above the services' ports.
 */
export class ConnectionSides {
  private readonly clientIsSrc = new Map<string, boolean>();

  decide(proto: string, first: HeaderView, flags: number | undefined): boolean {
    const forward = `${proto} ${first.src}:${first.srcPort} > ${first.dst}:${first.dstPort}`;
    if (flags !== undefined && flags & TCP_SYN) {
      const fromClient = !(flags & TCP_ACK);
      this.learn(forward, `${proto} ${first.dst}:${first.dstPort} > ${first.src}:${first.srcPort}`, fromClient);
      return fromClient;
    }
    return this.clientIsSrc.get(forward) ?? (first.srcPort ?? 0) >= (first.dstPort ?? 0);
  }

  private learn(forward: string, reverse: string, fromClient: boolean): void {
    if (this.clientIsSrc.has(forward)) return;
    this.clientIsSrc.set(own(forward), fromClient);
    this.clientIsSrc.set(own(reverse), !fromClient);
  }
}

/** A packet's identity; `sides` learns the trace's connections as its packets come, or the
 *  side already decided is given (a held packet revived). */
export function packetIdentity(packet: Packet, sides: ConnectionSides | boolean = new ConnectionSides()): PacketIdentity {
  const prints = headerViews(packet).filter((v) => v.source === "print" && (v.proto === 6 || v.proto === 17));
  const decap = packet.records.findIndex((r) => r.node.startsWith("vxlan4-input"));
  const first = (decap === -1 ? prints : prints.filter((v) => v.position > decap))[0] ?? prints[0];
  if (first === undefined) return { key: `#${packet.records.map((r) => r.node).join(",")}`, looseKey: "-", direction: "-", clientIsSrc: true, connection: "-", clientKey: "-" };
  const flags = first.record.fields.l4?.tcpFlags;
  const direction = flags === undefined || !(flags & TCP_SYN) ? "-" : flags & TCP_ACK ? "response" : "request";
  const proto = first.proto === 6 ? "tcp" : "udp";
  const clientIsSrc = typeof sides === "boolean" ? sides : sides.decide(proto, first, flags);
  const loose = clientIsSrc ? `${proto} ${first.src} > ${first.dst}:${first.dstPort}` : `${proto} ${first.src}:${first.srcPort} > ${first.dst}`;
  const connection = clientIsSrc ? `${proto} ${first.src} > ${first.dst}:${first.dstPort}` : `${proto} ${first.dst} > ${first.src}:${first.srcPort}`;
  return {
    key: `${proto} ${first.src}:${first.srcPort} > ${first.dst}:${first.dstPort}`,
    looseKey: `${loose} ${direction} ${clientIsSrc ? "from-client" : "from-server"}`,
    direction,
    clientIsSrc,
    connection,
    clientKey: `${proto} ${clientIsSrc ? first.src : first.dst} ${direction} ${clientIsSrc ? "from-client" : "from-server"}`,
    first,
  };
}

export interface Symbols {
  addresses: Map<string, string>;
  ports: Map<number, string>;
  interfaces: Map<string, string>;
  swIfIndexes: Map<number, string>;
}

/** Role names for the endpoints of a packet's flow and the interfaces it entered and left by. */
export function endpointSymbols(packet: Packet, id: PacketIdentity): Symbols {
  const symbols: Symbols = { addresses: new Map(), ports: new Map(), interfaces: new Map(), swIfIndexes: new Map() };
  if (id.first === undefined) return symbols;
  const f = id.first;
  symbols.addresses.set(f.src, "⟨src⟩");
  symbols.addresses.set(f.dst, "⟨dst⟩");
  if (f.srcPort !== undefined) symbols.ports.set(f.srcPort, "⟨src port⟩");
  if (f.dstPort !== undefined) symbols.ports.set(f.dstPort, "⟨dst port⟩");
  const ingress = packet.records.find((r) => r.fields.acl?.direction === "in" || r.fields.nat !== undefined);
  const ingressIf = ingress?.fields.acl?.swIfIndex ?? ingress?.fields.nat?.swIfIndex;
  if (ingressIf !== undefined) symbols.swIfIndexes.set(ingressIf, "⟨ingress⟩");
  const rewrite = packet.records.filter((r) => r.fields.rewrite !== undefined).pop()?.fields.rewrite;
  if (rewrite !== undefined) {
    symbols.swIfIndexes.set(rewrite.txSwIfIndex, "⟨egress⟩");
    if (rewrite.interface !== undefined) symbols.interfaces.set(rewrite.interface, "⟨egress⟩");
  }
  return symbols;
}
