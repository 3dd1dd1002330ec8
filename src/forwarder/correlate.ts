/**
 * Cross-node correlation: the same packet captured on the client's and on the server's node
 * (inner 5-tuple + IP id + TCP seq) is one end-to-end flow. The VXLAN tunnel must carry the
 * inner packet unchanged, so the TTL it left loop0 with is the TTL it arrives with.
 * Packets may come in any order (two files, either first): the index remembers one side
 * until the other shows up — a few numbers per cross-node packet.
 */
import type { FlowResult, PacketRef } from "../model/findings.js";
import type { NodeRecord, Packet } from "../model/trace.js";
import { own, ownName } from "../model/own.js";
import { headerViews, type HeaderView } from "../trace/headers.js";
import type { Classification } from "./classify.js";

/** What is kept of a packet until its other half shows up: numbers, not records. */
interface TunnelEnd {
  ref: PacketRef;
  ttl?: number;
  record: Pick<NodeRecord, "node" | "file" | "line">;
}

/** A packet that came out of the tunnel with another TTL than it went in with. */
export interface TunnelTtlChange {
  received: number;
  /** The received packet, for a finding about it. */
  receivedRef: PacketRef;
  sent: number;
  record: Pick<NodeRecord, "node" | "file" | "line">;
  ttlSent: number;
  ttlReceived: number;
}

function innerAtTunnel(packet: Packet, views: HeaderView[], side: "sent" | "received"): HeaderView | undefined {
  const prints = views.filter((v) => v.source === "print");
  if (side === "sent") {
    const encap = packet.records.findIndex((r) => r.node.startsWith("vxlan4-encap"));
    return encap === -1 ? undefined : prints.filter((v) => v.position < encap).pop();
  }
  const decap = packet.records.findIndex((r) => r.node.startsWith("vxlan4-input"));
  return decap === -1 ? undefined : prints.find((v) => v.position > decap);
}

const keyOf = (direction: string, v: HeaderView): string =>
  `${direction} ${v.src}:${v.srcPort} > ${v.dst}:${v.dstPort} id ${v.fragmentId} seq ${v.record.fields.l4?.seq ?? "-"}`;

export class TunnelIndex {
  readonly flows: FlowResult[] = [];
  private readonly sent = new Map<string, TunnelEnd>();
  private readonly received = new Map<string, TunnelEnd>();

  /** Record a packet (`ref` names it in findings); returns the TTL change if it completes
   *  a flow whose TTL changed. */
  add(packet: Packet, c: Classification, ref: PacketRef, views: HeaderView[] = headerViews(packet)): TunnelTtlChange | undefined {
    if (c.kind !== "classified" || c.role === "node") return undefined;
    const sending = (c.direction === "request") === (c.role === "client-node");
    const view = innerAtTunnel(packet, views, sending ? "sent" : "received");
    if (view === undefined) return undefined;
    const key = own(keyOf(c.direction, view));
    const end: TunnelEnd = { ref, ttl: view.ttl, record: { node: ownName(view.record.node), file: ownName(view.record.file), line: view.record.line } };
    const other = (sending ? this.received : this.sent).get(key);
    if (other === undefined) {
      (sending ? this.sent : this.received).set(key, end);
      return undefined;
    }
    const [from, to] = sending ? [end, other] : [other, end];
    this.flows.push({ scenario: c.scenario, direction: c.direction, sent: from.ref.index, received: to.ref.index, key, ttlSent: from.ttl, ttlReceived: to.ttl });
    (sending ? this.received : this.sent).delete(key);
    if (from.ttl === undefined || to.ttl === undefined || from.ttl === to.ttl) return undefined;
    return { received: to.ref.index, receivedRef: to.ref, sent: from.ref.index, record: to.record, ttlSent: from.ttl, ttlReceived: to.ttl };
  }
}
