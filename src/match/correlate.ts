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
import type { PacketMatch } from "./index.js";
import { makeRoom, MAX_TABLE_ENTRIES } from "./bounded.js";
import { crossNodeKey, keptKey } from "./keys.js";

/** What is kept of a packet that went into the tunnel until its other half shows up. */
interface SentEnd {
  index: number;
  ttl?: number;
}

/** What is kept of a packet that came out of the tunnel: what a finding about it needs. */
interface ReceivedEnd {
  ref: PacketRef;
  ttl?: number;
  node: string;
  line: number;
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

/** The flow as the results name it. */
const flowName = (direction: string, v: HeaderView): string =>
  `${direction} ${v.src}:${v.srcPort} > ${v.dst}:${v.dstPort} id ${v.fragmentId} seq ${v.record.fields.l4?.seq ?? "-"}`;
/** The same, packed (keys.ts): a key is kept for as long as its other half does not come,
 *  and a capture of one node holds many packets whose other half is in another file. */
const keyOf = (direction: string, v: HeaderView): string =>
  crossNodeKey({ request: direction === "request", src: v.src, srcPort: v.srcPort, dst: v.dst, dstPort: v.dstPort, fragmentId: v.fragmentId, seq: v.record.fields.l4?.seq });

export class TunnelIndex {
  readonly flows: FlowResult[] = [];
  private readonly sent = new Map<string, SentEnd>();
  private readonly received = new Map<string, ReceivedEnd>();
  /** Packets let go while still waiting for their other half, to keep the index bounded: a
   *  capture of one node holds many whose other half is in no file given. */
  evicted = 0;

  constructor(private readonly maxEntries = MAX_TABLE_ENTRIES) {}

  /** Record a packet (`ref` names it in findings); returns the TTL change if it completes
   *  a flow whose TTL changed. */
  add(packet: Packet, m: PacketMatch, ref: PacketRef, views: HeaderView[] = headerViews(packet)): TunnelTtlChange | undefined {
    if (m.kind !== "placed" || m.expectation.role === "node") return undefined;
    const c = m.expectation;
    const sending = (c.direction === "request") === (c.role === "client-node");
    const view = innerAtTunnel(packet, views, sending ? "sent" : "received");
    if (view === undefined) return undefined;
    const key = keyOf(c.direction, view);
    let from: SentEnd;
    let to: ReceivedEnd;
    if (sending) {
      const received = this.received.get(key);
      if (received === undefined) {
        this.evicted += makeRoom(this.sent, this.maxEntries);
        this.sent.set(keptKey(key), { index: ref.index, ttl: view.ttl });
        return undefined;
      }
      this.received.delete(key);
      [from, to] = [{ index: ref.index, ttl: view.ttl }, received];
    } else {
      const sent = this.sent.get(key);
      const end: ReceivedEnd = { ref, ttl: view.ttl, node: ownName(view.record.node), line: view.record.line };
      if (sent === undefined) {
        this.evicted += makeRoom(this.received, this.maxEntries);
        this.received.set(keptKey(key), end);
        return undefined;
      }
      this.sent.delete(key);
      [from, to] = [sent, end];
    }
    this.flows.push({ scenario: c.scenario, direction: c.direction, sent: from.index, received: to.ref.index, key: own(flowName(c.direction, view)), ttlSent: from.ttl, ttlReceived: to.ttl });
    if (from.ttl === undefined || to.ttl === undefined || from.ttl === to.ttl) return undefined;
    const record = { node: to.node, file: to.ref.file, line: to.line };
    return { received: to.ref.index, receivedRef: to.ref, sent: from.index, record, ttlSent: from.ttl, ttlReceived: to.ttl };
  }
}
