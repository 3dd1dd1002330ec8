/**
 * Placing a captured packet: which connection it belongs to (as the client opened it:
 * client → server, or client → service address), where in it (request or response; first
 * packet, first reply or established), on which node it was captured, and the values VPP
 * chose at run time that the trace shows (the endpoint a service load-balanced to, the
 * port dynamic source NAT allocated). Decided from the packet itself — its addresses, TCP
 * flags, whether it arrived VXLAN-encapsulated, what NAT made of it — from earlier packets
 * of its connection, and from the configuration; never guessed: what cannot be told is
 * the reason the packet stays unchecked.
 */
import type { Direction, Endpoint, Flow, History } from "../model/expectation.js";
import type { Packet } from "../model/trace.js";
import type { HeaderView } from "../trace/headers.js";
import type { StaticMapping, VppInterface, VppNetwork } from "../vpp/types.js";
import { DEVICE_INPUT } from "../forwarder/graph.js";
import { nodeWithAddress } from "../forwarder/walk.js";
import { walksByArcs } from "../forwarder/arc-walk.js";
import { entryFor, PlacementError } from "../forwarder/entry.js";
import { ECHO_ID } from "../forwarder/icmp.js";
import { pairKeys, type ConnectionTable, type PairKeys } from "./connections.js";

export interface Placement {
  flow: Flow;
  direction: Direction;
  /** How many of the connection's first two packets may have crossed VPP before it. */
  histories: History[];
  /** The node the packet was captured on (where it entered VPP in this capture). */
  capturedOn: string;
  endpoint?: Endpoint;
  snatPort?: number;
  /** The source NAT gave the packet on its way out, when the trace shows it. */
  snatted?: Endpoint;
  /** The packet's header as it entered (the inner one for VXLAN), for the connection table. */
  inner: HeaderView;
  /** A request captured on the node its client entered VPP by: what it shows untranslated
   *  was not translated before. */
  atClientNode: boolean;
}

/** The connection a packet belongs to, and what VPP chose for it that the trace shows. */
type FlowOfPacket = Pick<Placement, "flow" | "endpoint" | "snatted" | "snatPort">;

const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;
const PROTO = { 1: "ICMP", 6: "TCP", 17: "UDP" } as const;
const endpointOf = (ip: string, port: number | undefined): Endpoint => ({ ip, port: port ?? 0 });
const sameEndpoint = (a: Endpoint, b: Endpoint): boolean => a.ip === b.ip && a.port === b.port;

/** What the capture shows of the packet: its prints, the inner header, whether it came in
 *  by a VXLAN tunnel (the trace decapsulates it), and so the node that captured it. */
interface Facts {
  inner: HeaderView;
  prints: HeaderView[];
  capturedOn: string;
  tcpFlags?: number;
  /** The inner header's ends, and the connection table's keys for them. */
  src: Endpoint;
  dst: Endpoint;
  keys: PairKeys;
}

function facts(network: VppNetwork, packet: Packet, views: HeaderView[]): Facts {
  // An ICMP echo is placed as its identifier's connection (src/forwarder/icmp.ts).
  const prints = views.flatMap((v) => (v.source !== "print" ? [] : v.proto === 6 || v.proto === 17 ? [v] : echoView(v)));
  if (prints.length === 0) throw new PlacementError("the trace shows no TCP, UDP or ICMP echo header");
  const first = prints[0];
  const decap = packet.records.findIndex((r) => r.node.startsWith("vxlan4-input"));
  const shown = decap === -1 ? [] : prints.filter((v) => v.position > decap);
  // A VXLAN packet whose inner header the trace does not show (dropped at vxlan4-input) is
  // placed as what it is, the outer UDP packet to the tunnel's port.
  if (decap !== -1 && first.position < decap && (shown.length > 0 || !walksOuter(network))) {
    const inner = shown;
    if (inner.length === 0) throw new PlacementError("a VXLAN packet whose inner header the trace does not show");
    const node = nodeWithAddress(network, first.dst);
    if (node === undefined) throw new PlacementError(`the VXLAN packet is addressed to ${first.dst}, which is no node's address`);
    return withEnds({ inner: inner[0], prints: inner, capturedOn: node.node.name, tcpFlags: inner[0].record.fields.l4?.tcpFlags });
  }
  const entry = entryFor(network, first.src, first.dst);
  checkEntryKind(packet, entry.iface, first.src, entry.node.name);
  return withEnds({ inner: first, prints, capturedOn: entry.node.name, tcpFlags: first.record.fields.l4?.tcpFlags });
}

/** A state's walk follows an outer VXLAN packet up to vxlan4-input (arc-walk.ts); the
 *  Contiv walk expects the inner packet. */
const walksOuter = (network: VppNetwork): boolean => walksByArcs(network);

function withEnds(f: Omit<Facts, "src" | "dst" | "keys">): Facts {
  const src = endpointOf(f.inner.src, f.inner.srcPort);
  const dst = endpointOf(f.inner.dst, f.inner.dstPort);
  return { inner: f.inner, prints: f.prints, capturedOn: f.capturedOn, tcpFlags: f.tcpFlags, src, dst, keys: pairKeys(f.inner.proto, src, dst) };
}

/** An ICMP echo request or reply header as a view with its identifier for both ports (what
 *  NAT44 keys an echo by); other ICMP messages are not placed. */
function echoView(v: HeaderView): HeaderView[] {
  const l4 = v.record.fields.l4;
  if (v.proto !== 1 || l4?.proto !== "ICMP" || !/^echo_(request|reply)$/.test(l4.icmpType ?? "")) return [];
  const id = l4.icmpId ?? ECHO_ID;
  return [{ ...v, srcPort: id, dstPort: id }];
}

function echoDirection(v: HeaderView): Direction | undefined {
  const type = v.proto === 1 ? v.record.fields.l4?.icmpType : undefined;
  return type === "echo_request" ? "request" : type === "echo_reply" ? "response" : undefined;
}

const INPUT_KINDS = Object.entries(DEVICE_INPUT).map(([kind, input]) => ({ kind, pattern: new RegExp(input.pattern) }));

/** The capture's device input node must be of the kind of interface the configuration puts
 *  the source behind: a packet that came in by a TAP from an address the configuration
 *  has outside the cluster is one the description does not cover. */
function checkEntryKind(packet: Packet, iface: VppInterface, src: string, node: string): void {
  const first = packet.records[0];
  // The interface's own input node first: af-packet-input is also one of the NICs' nodes.
  if (first === undefined || INPUT_KINDS.some((k) => k.kind === iface.kind && k.pattern.test(first.node))) return;
  const seen = INPUT_KINDS.find((k) => k.pattern.test(first.node));
  if (seen === undefined || seen.kind === iface.kind) return;
  const by = iface.name ?? iface.description;
  throw new PlacementError(`the packet entered VPP by ${first.node}, but the configuration has ${src} behind ${by} of ${node} (${iface.kind === "ethernet" ? "outside the cluster" : iface.description}): the cluster description does not say where ${src} is`);
}

/** The static mappings of a network's nodes, gathered once per network. */
const mappingsByNetwork = new WeakMap<VppNetwork, StaticMapping[]>();
function mappings(network: VppNetwork): StaticMapping[] {
  let all = mappingsByNetwork.get(network);
  if (all === undefined) mappingsByNetwork.set(network, (all = network.nodes.flatMap((n) => n.nat44.staticMappings)));
  return all;
}
const mappingAt = (network: VppNetwork, e: Endpoint): StaticMapping | undefined => mappings(network).find((m) => sameEndpoint(m.external, e));
/** The first mapping of each group (a service's VIP before its NodePorts) that has `e` among its locals. */
function groupsWithLocal(network: VppNetwork, e: Endpoint): StaticMapping[] {
  const groups = new Map<string, StaticMapping>();
  for (const m of mappings(network)) if (!groups.has(m.group) && m.locals.some((l) => sameEndpoint(l, e))) groups.set(m.group, m);
  return [...groups.values()];
}
const isPoolAddress = (network: VppNetwork, ip: string): boolean => network.nodes.some((n) => n.nat44.pool.includes(ip));

/** What NAT made of the packet: the print that follows the first NAT record, when its
 *  `field` differs from the print before it. A print past an encapsulation shows the outer
 *  header, not the packet. */
function translatedAfterNat(packet: Packet, f: Facts, field: "src" | "dst"): Endpoint | undefined {
  const nat = packet.records.findIndex((r, i) => i > f.inner.position && r.fields.nat !== undefined);
  if (nat === -1) return undefined;
  const encap = packet.records.findIndex((r, i) => i > nat && r.node.startsWith("vxlan4-encap"));
  const before = f.prints.filter((v) => v.position < nat).pop() ?? f.inner;
  const after = f.prints.find((v) => v.position > nat);
  if (after === undefined || (encap !== -1 && after.position > encap)) return undefined;
  const port = `${field}Port` as const;
  if (after[field] === before[field] && after[port] === before[port]) return undefined;
  return endpointOf(after[field], after[port]);
}

/** What source NAT on the way out (nat44-in2out-output) made of the packet's source. */
function snattedByOutputNat(packet: Packet, f: Facts): Endpoint | undefined {
  const nat = packet.records.findIndex((r, i) => i > f.inner.position && r.fields.nat?.output === true);
  if (nat === -1) return undefined;
  const encap = packet.records.findIndex((r) => r.node.startsWith("vxlan4-encap"));
  if (encap !== -1 && encap < nat) return undefined;
  const after = f.prints.find((v) => v.position > nat);
  if (after === undefined || (after.src === f.inner.src && after.srcPort === f.inner.srcPort)) return undefined;
  return endpointOf(after.src, after.srcPort);
}

/** The node whose VPP a packet from `ip` enters, when one does. */
function entryNode(network: VppNetwork, ip: string): string | undefined {
  try {
    return entryFor(network, ip, ip).node.name;
  } catch (error) {
    if (error instanceof PlacementError) return undefined;
    throw error;
  }
}

const isSyn = (f: Facts): boolean => f.inner.proto === 6 && f.tcpFlags !== undefined && (f.tcpFlags & SYN) !== 0;

/** Which side opened the connection: the flags, an earlier packet of it, a service address,
 *  NAT; `guessed` when nothing tells (then the sender is taken for the client). */
function directionOf(network: VppNetwork, packet: Packet, f: Facts, table: ConnectionTable): { direction: Direction; guessed: boolean } {
  if (isSyn(f)) return { direction: f.tcpFlags! & ACK ? "response" : "request", guessed: false };
  const echo = echoDirection(f.inner);
  if (echo !== undefined) return { direction: echo, guessed: false };
  const { src, dst } = f;
  const known = table.direction(f.keys);
  if (known !== undefined) return { direction: known, guessed: false };
  if (mappingAt(network, dst) !== undefined) return { direction: "request", guessed: false };
  if (isPoolAddress(network, dst.ip) || mappingAt(network, src) !== undefined) return { direction: "response", guessed: false };
  const unNat = translatedAfterNat(packet, f, "src");
  if (unNat !== undefined && mappingAt(network, unNat) !== undefined) return { direction: "response", guessed: false };
  // A service endpoint talking to an address that is none: the endpoint answers.
  if (groupsWithLocal(network, src).length > 0 && groupsWithLocal(network, dst).length === 0) return { direction: "response", guessed: false };
  return { direction: "request", guessed: true };
}

/**
 * How many of the connection's first two packets crossed VPP before this one. TCP says
 * much: a SYN is the first packet (or a retransmission, when one was seen before it on this
 * node), a SYN-ACK the first reply (or a retransmission), any other segment but a reset
 * comes after the handshake. A reset, and a UDP packet, leave several histories possible;
 * so does a packet whose side was guessed.
 */
function historiesSeen(f: Facts, direction: Direction, guessed: boolean, table: ConnectionTable, packet: Packet): History[] {
  const proto = f.inner.proto;
  const index = packet.index;
  // What came before counts only within the capture the packet belongs to: the same SYN in
  // the file of another run is no retransmission (src/match/connections.ts).
  const capture = table.captureOf(packet.file, f.capturedOn);
  if (isSyn(f)) {
    const again = table.sight(capture, f.keys.forward, f.capturedOn, f.tcpFlags! & ACK ? "syn-ack" : "syn", index);
    return direction === "request" ? [again ? 1 : 0] : [again ? 2 : 1];
  }
  const earlierSame = table.sight(capture, f.keys.forward, f.capturedOn, "any", index);
  const earlierReply = direction === "request" ? table.seenBefore(capture, f.keys.reverse, index) : earlierSame;
  // Any side's segment but a reset comes after the handshake, whichever side sent it.
  if (proto === 6 && f.tcpFlags !== undefined && (f.tcpFlags & RST) === 0) return [2];
  if (earlierReply) return [2];
  if (direction === "response") return [1, 2];
  return guessed || !earlierSame ? [0, 1, 2] : [1, 2];
}

function requestFlow(network: VppNetwork, packet: Packet, f: Facts, table: ConnectionTable, described: boolean): FlowOfPacket {
  const proto = PROTO[f.inner.proto as 1 | 6 | 17];
  const { src, dst } = f;
  const snatted = snattedByOutputNat(packet, f);
  const mapping = mappingAt(network, dst);
  if (mapping !== undefined) {
    // The endpoint the connection's first packet went to: its session translates every
    // later one alike (VPP 18.x balancing a later packet anew, its session lost, is the
    // fault nat-session reports). For the first packet, the endpoint NAT translated to, as
    // the trace shows it: nat-session judges whether it is one of the service's. Without a
    // translation to see, any endpoint will do: the walk expects one, and nat-session says
    // it is missing.
    const endpoint = table.endpoint(f.keys.forward) ?? translatedAfterNat(packet, f, "dst") ?? mapping.locals[0];
    return { flow: { proto, src, dst }, endpoint, snatted };
  }
  const service = table.service(f.keys.forward);
  if (service !== undefined) return { flow: { proto, src, dst: service }, endpoint: dst, snatted };
  // On the server's node a service request arrives translated already (NAT happened on the
  // client's node): it belongs to the one service the endpoint backs, if only one.
  // Only when the client's node is known: without it (one node's state, the client behind a
  // tunnel) nothing tells a service's request from a connection to its endpoint.
  const clientNode = entryNode(network, src.ip);
  const groups = described && clientNode !== undefined && f.capturedOn !== clientNode ? groupsWithLocal(network, dst) : [];
  if (groups.length === 1) return { flow: { proto, src, dst: groups[0].external }, endpoint: dst, snatted };
  return { flow: { proto, src, dst }, snatted };
}

function responseFlow(network: VppNetwork, packet: Packet, f: Facts, table: ConnectionTable, described: boolean): FlowOfPacket {
  const proto = PROTO[f.inner.proto as 1 | 6 | 17];
  const { src, dst } = f;
  if (isPoolAddress(network, dst.ip)) {
    // The reply of a source-NATed connection: NAT restores the client's address, or the
    // request seen earlier says who it was.
    const client = translatedAfterNat(packet, f, "dst") ?? table.snatClient(f.inner.proto, dst);
    if (client === undefined) throw new PlacementError(`a reply to ${dst.ip}:${dst.port} that NAT did not map back to a client, and whose request is not in the input: its connection is not known`);
    return { flow: { proto, src: client, dst: src }, snatPort: dst.port };
  }
  const service = table.service(f.keys.reverse);
  if (service !== undefined) return { flow: { proto, src: dst, dst: service }, endpoint: src };
  // The reply of a connection opened straight to its server is that connection's, whatever
  // NAT made of it (a stale session translating it to a service address, source NAT to the
  // node's address): the walk of the direct connection says what NAT should have done.
  if (table.answersDirect(f.keys)) return { flow: { proto, src: dst, dst: src } };
  // NAT gave the reply another source: the connection went to that address. Whether the
  // configuration has a mapping for it is the walk's (and nat-session's) to say. A
  // connection to that service seen before went to the endpoint its first packet chose.
  const unNat = translatedAfterNat(packet, f, "src");
  if (unNat !== undefined) return { flow: { proto, src: dst, dst: unNat }, endpoint: table.endpoint(pairKeys(f.inner.proto, dst, unNat).forward) ?? src };
  // On the server's node the reply of a cross-node service connection is not un-NATed yet.
  const groups = described ? groupsWithLocal(network, src) : [];
  const clientNode = entryNode(network, dst.ip);
  if (groups.length === 1 && clientNode !== undefined && clientNode !== f.capturedOn) return { flow: { proto, src: dst, dst: groups[0].external }, endpoint: src };
  return { flow: { proto, src: dst, dst: src } };
}

/** Where the packet belongs; throws PlacementError with the reason when that cannot be told. */
export function placePacket(network: VppNetwork, packet: Packet, views: HeaderView[], table: ConnectionTable, described: boolean): Placement {
  const f = facts(network, packet, views);
  const { direction, guessed } = directionOf(network, packet, f, table);
  const histories = historiesSeen(f, direction, guessed, table, packet);
  const placed = direction === "request" ? requestFlow(network, packet, f, table, described) : responseFlow(network, packet, f, table, described);
  const atClientNode = direction === "request" && f.capturedOn === entryNode(network, f.src.ip);
  const placement: Placement = { flow: placed.flow, direction, histories, capturedOn: f.capturedOn, inner: f.inner, atClientNode };
  if (placed.endpoint !== undefined) placement.endpoint = placed.endpoint;
  if (placed.snatted !== undefined) placement.snatted = placed.snatted;
  if (placed.snatPort !== undefined) placement.snatPort = placed.snatPort;
  return placement;
}
