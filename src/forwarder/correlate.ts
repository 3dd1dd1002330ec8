/**
 * Cross-node correlation: the same packet captured on the client's and on the server's node
 * (inner 5-tuple + IP id + TCP seq) is one end-to-end flow. The VXLAN tunnel must carry the
 * inner packet unchanged, so the TTL it left loop0 with is the TTL it arrives with.
 */
import type { Classification } from "./classify.js";
import type { Packet } from "../model/trace.js";
import { headerViews, type HeaderView } from "../trace/headers.js";

export interface CorrelatedFlow {
  scenario: string;
  direction: string;
  /** Packet indexes: where it was sent into the tunnel, where it came out. */
  sent: number;
  received: number;
  key: string;
  ttlSent?: number;
  ttlReceived?: number;
}

export interface TunnelView {
  packet: Packet;
  view: HeaderView;
}

function innerAtTunnel(packet: Packet, side: "sent" | "received"): HeaderView | undefined {
  const prints = headerViews(packet).filter((v) => v.source === "print");
  if (side === "sent") {
    const encap = packet.records.findIndex((r) => r.node.startsWith("vxlan4-encap"));
    return encap === -1 ? undefined : prints.filter((v) => v.position < encap).pop();
  }
  const decap = packet.records.findIndex((r) => r.node.startsWith("vxlan4-input"));
  return decap === -1 ? undefined : prints.find((v) => v.position > decap);
}

const keyOf = (direction: string, v: HeaderView): string =>
  `${direction} ${v.src}:${v.srcPort} > ${v.dst}:${v.dstPort} id ${v.fragmentId} seq ${v.record.fields.l4?.seq ?? "-"}`;

export function correlateFlows(packets: Packet[], classifications: Classification[]): { flows: CorrelatedFlow[]; received: Map<number, TunnelView & { sentTtl?: number; sentPacket: Packet }> } {
  const sent = new Map<string, TunnelView>();
  const arrivals: (TunnelView & { key: string; c: Extract<Classification, { kind: "classified" }> })[] = [];
  classifications.forEach((c, i) => {
    if (c.kind !== "classified" || c.role === "node") return;
    const sending = (c.direction === "request") === (c.role === "client-node");
    const view = innerAtTunnel(packets[i], sending ? "sent" : "received");
    if (view === undefined) return;
    const key = keyOf(c.direction, view);
    if (sending) sent.set(key, { packet: packets[i], view });
    else arrivals.push({ packet: packets[i], view, key, c });
  });
  const flows: CorrelatedFlow[] = [];
  const received = new Map<number, TunnelView & { sentTtl?: number; sentPacket: Packet }>();
  for (const a of arrivals) {
    const from = sent.get(a.key);
    if (from === undefined) continue;
    flows.push({ scenario: a.c.scenario, direction: a.c.direction, sent: from.packet.index, received: a.packet.index, key: a.key, ttlSent: from.view.ttl, ttlReceived: a.view.ttl });
    received.set(a.packet.index, { packet: a.packet, view: a.view, sentTtl: from.view.ttl, sentPacket: from.packet });
  }
  return { flows, received };
}
