/**
 * What identifies a packet for the diff: its flow (the first TCP/UDP header, the inner one
 * for a VXLAN packet, before any NAT) and direction. When two packets of different flows are
 * compared, the endpoints' identities — addresses, ports, their interfaces and the ACLs
 * rendered for their policies — are named by role, so that what is compared is the path and
 * the verdicts, not who the endpoints are.
 */
import type { Packet } from "../model/trace.js";
import { headerViews, type HeaderView } from "../trace/headers.js";

export interface PacketIdentity {
  key: string;
  /** The flow without the client's (ephemeral) port. */
  looseKey: string;
  direction: "request" | "response" | "-";
  first?: HeaderView;
}

export function packetIdentity(packet: Packet): PacketIdentity {
  const prints = headerViews(packet).filter((v) => v.source === "print" && (v.proto === 6 || v.proto === 17));
  const decap = packet.records.findIndex((r) => r.node.startsWith("vxlan4-input"));
  const first = (decap === -1 ? prints : prints.filter((v) => v.position > decap))[0] ?? prints[0];
  if (first === undefined) return { key: `#${packet.records.map((r) => r.node).join(",")}`, looseKey: "-", direction: "-" };
  const flags = first.record.fields.l4?.tcpFlags;
  const direction = flags === undefined || !(flags & 0x02) ? "-" : flags & 0x10 ? "response" : "request";
  const proto = first.proto === 6 ? "tcp" : "udp";
  const clientIsSrc = direction !== "response";
  const loose = clientIsSrc ? `${proto} ${first.src} > ${first.dst}:${first.dstPort}` : `${proto} ${first.src}:${first.srcPort} > ${first.dst}`;
  return { key: `${proto} ${first.src}:${first.srcPort} > ${first.dst}:${first.dstPort}`, looseKey: `${loose} ${direction}`, direction, first };
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
