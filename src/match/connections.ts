/**
 * What the packets of a capture tell about each other: which side opened each connection
 * (so a later ACK is known to be the client's or the server's), whether it went to a
 * service or straight to the server (so a reply NAT translated by a stale session is
 * still the direct connection's reply), the service a client addressed and the endpoint its
 * first packet was balanced to (so the reply, not yet un-NATed on the server's node, is
 * known to belong to the service, and a later packet sent to another endpoint is judged
 * against the first one's), the address source NAT gave a client (so a reply NAT did not
 * map back still has its connection), and where each kind of packet of a
 * connection was first seen (so a retransmitted SYN is known to meet the session the first
 * one made). Sightings keep the lowest packet index, so a first pass over a whole input and
 * a stream checked as it comes agree on what came before. Bounded: a long capture opens many
 * connections.
 *
 * A capture is one input file, or several: a file that only adds packets of nodes the
 * capture has not shown yet (the other node's file of a cross-node scenario) belongs to the
 * capture before it, and with `--one-capture` every file does. Two files of the same node are
 * two runs: a SYN in the second is not a retransmission of the first's, so its ACL and NAT
 * sessions are new (sightings are kept per capture; what a connection is — its client, its
 * service, its source NAT — is known across captures).
 */
import { PROTOCOL_NUMBER, type Direction, type Endpoint, type Flow } from "../model/expectation.js";
import { own, ownName } from "../model/own.js";
import { makeRoom, MAX_TABLE_ENTRIES } from "./bounded.js";
import { endKey, keptKey, pairKey as pair } from "./keys.js";

/** The table's keys for a packet from `src` to `dst` and for its reply: built once per
 *  packet, since every question about it looks one of them up. */
export interface PairKeys {
  forward: string;
  reverse: string;
}
export const pairKeys = (proto: number, src: Endpoint, dst: Endpoint): PairKeys => ({ forward: pair(proto, src, dst), reverse: pair(proto, dst, src) });

/** What a sighting is of: a TCP packet by its flags, or any packet. */
export type SightingKind = "syn" | "syn-ack" | "any";

/** Where a connection direction's packets were first seen: kept for every packet's
 *  connection, so small and of one shape (a connection is captured on one or two nodes: a
 *  short list). Indices are small integers, NEVER included, so no field is boxed. */
interface Sightings {
  first: number;
  nodes: NodeSightings;
}
interface NodeSightings {
  node: string;
  syn: number;
  synAck: number;
  any: number;
  next: NodeSightings | undefined;
}
const FIELD = { syn: "syn", "syn-ack": "synAck", any: "any" } as const;
const NEVER = -1;
const unseenOn = (node: string, next?: NodeSightings): NodeSightings => ({ node: ownName(node), syn: NEVER, synAck: NEVER, any: NEVER, next });
/** The lower of two packet indices, either of which may be NEVER. */
const earliest = (a: number, b: number): number => (a === NEVER ? b : b === NEVER ? a : Math.min(a, b));

export class ConnectionTable {
  /** Connections (and their sightings) let go to keep the table bounded. */
  evicted = 0;

  constructor(
    private readonly maxEntries = MAX_TABLE_ENTRIES,
    private readonly oneCapture = false,
  ) {}

  /** The capture each file belongs to, and the nodes the latest capture has shown. */
  private readonly captures = new Map<string, number>();
  private latest = { id: 0, nodes: new Set<string>(), files: new Set<string>() };

  /** Which capture a packet of `file` captured on `node` belongs to (see above). */
  captureOf(file: string, node: string): number {
    if (this.oneCapture) return 0;
    let id = this.captures.get(file);
    if (id === undefined) {
      const joins = this.latest.files.size === 0 || !this.latest.nodes.has(node);
      if (!joins) this.latest = { id: this.latest.id + 1, nodes: new Set(), files: new Set() };
      id = this.latest.id;
      this.captures.set(ownName(file), id);
      this.latest.files.add(file);
    }
    if (id === this.latest.id && !this.latest.files.has(file)) this.latest.files.add(file);
    if (id === this.latest.id) this.latest.nodes.add(ownName(node));
    return id;
  }

  /** client → server, as opened and as delivered after NAT. */
  private readonly opened = new Set<string>();
  /** proto|client|endpoint → the service address the client addressed. */
  private readonly services = new Map<string, Endpoint>();
  /** client → server of connections whose request was seen on the client's own node, not
   *  translated: opened straight to the server (on the server's node a service request
   *  arrives translated already, and looks direct). */
  private readonly direct = new Set<string>();
  /** proto|client|service address → the endpoint the connection's first packet went to:
   *  the session NAT made for it, which every later packet of the connection meets. */
  private readonly balanced = new Map<string, Endpoint>();
  /** proto|address:port source NAT gave → the client behind it. */
  private readonly snat = new Map<string, Endpoint>();
  /** proto|src>dst → the lowest index of a packet seen so, on any node and per node and kind. */
  private readonly sightings = new Map<string, Sightings>();

  /** Remember a placed connection: as the client opened it, and where it went;
   *  `seenDirect` when a request of it was seen untranslated on the client's own node. */
  remember(flow: Flow, endpoint: Endpoint, seenDirect = false): void {
    this.evicted += makeRoom(this.opened, this.maxEntries);
    makeRoom(this.services, this.maxEntries);
    makeRoom(this.balanced, this.maxEntries);
    makeRoom(this.direct, this.maxEntries);
    const proto = PROTOCOL_NUMBER[flow.proto];
    // Most packets belong to a connection already remembered: copy strings only for new ones.
    const asOpened = pair(proto, flow.src, flow.dst);
    const direct = seenDirect && endpoint.ip === flow.dst.ip && endpoint.port === flow.dst.port;
    if (direct && !this.direct.has(asOpened)) this.direct.add(keptKey(asOpened));
    if (this.opened.has(asOpened)) return;
    this.opened.add(keptKey(asOpened));
    const delivered = keptKey(pair(proto, flow.src, endpoint));
    this.opened.add(delivered);
    if (endpoint.ip === flow.dst.ip && endpoint.port === flow.dst.port) return;
    this.services.set(delivered, { ip: ownName(flow.dst.ip), port: flow.dst.port });
    this.balanced.set(keptKey(asOpened), { ip: ownName(endpoint.ip), port: endpoint.port });
  }

  /** Remember the address and port source NAT gave a client. */
  rememberSnat(proto: number, outside: Endpoint, client: Endpoint): void {
    makeRoom(this.snat, this.maxEntries);
    this.snat.set(keptKey(endKey(proto, outside)), { ip: own(client.ip), port: client.port });
  }

  /** Note a packet (by its `forward` key) captured on `node`, and say whether one of its kind
   *  came before it on that node (a lower index): the same packet captured on two nodes is
   *  one packet, not a retransmission. */
  sight(capture: number, forward: string, node: string, kind: SightingKind, index: number): boolean {
    const key = capture === 0 ? forward : `${capture}|${forward}`;
    let seen = this.sightings.get(key);
    if (seen === undefined) {
      makeRoom(this.sightings, this.maxEntries);
      this.sightings.set(keptKey(key), (seen = { first: index, nodes: unseenOn(node) }));
    }
    seen.first = earliest(seen.first, index);
    let onNode = seen.nodes;
    while (onNode.node !== node && onNode.next !== undefined) onNode = onNode.next;
    if (onNode.node !== node) seen.nodes = onNode = unseenOn(node, seen.nodes);
    const field = FIELD[kind];
    const first = onNode[field];
    onNode[field] = earliest(first, index);
    onNode.any = earliest(onNode.any, index);
    return first !== NEVER && first < index;
  }

  /** Whether any packet with this `forward` key, on any node, came before `index`. */
  seenBefore(capture: number, forward: string, index: number): boolean {
    const first = this.sightings.get(capture === 0 ? forward : `${capture}|${forward}`)?.first;
    return first !== undefined && first < index;
  }

  /** The direction of a packet on a connection seen before. */
  direction(keys: PairKeys): Direction | undefined {
    if (this.opened.has(keys.forward)) return "request";
    if (this.opened.has(keys.reverse)) return "response";
    return undefined;
  }

  /** The endpoint a service connection's first packet went to: by the key of a packet
   *  from the client to the service address. */
  endpoint(key: string): Endpoint | undefined {
    return this.balanced.get(key);
  }

  /** Whether the connection a reply (by its keys) answers was opened straight to the server,
   *  not through a service address: its reply is the server's, whatever NAT made of it. */
  answersDirect(keys: PairKeys): boolean {
    return this.direct.has(keys.reverse) && !this.services.has(keys.reverse);
  }

  /** The service address a client addressed on its connection to an endpoint, if it did:
   *  by the key of a packet from the client to the endpoint. */
  service(key: string): Endpoint | undefined {
    return this.services.get(key);
  }

  /** The client source NAT gave `outside` to. */
  snatClient(proto: number, outside: Endpoint): Endpoint | undefined {
    return this.snat.get(endKey(proto, outside));
  }
}
