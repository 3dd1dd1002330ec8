/**
 * A connection's packets walked in the order they cross VPP, so each sees the ACL and NAT
 * sessions the earlier ones left: the first packet (client → server, as the client opened
 * it), the first reply (the reverse of the first packet as it was delivered, entering by
 * the interface that faces its sender), then the packet asked for. Its history — how many
 * of those two crossed VPP before it — decides what it meets; when the trace cannot tell,
 * the expectation is what any of the possible histories would show.
 */
import { PROTOCOL_NUMBER, type Direction, type Endpoint, type Flow, type History } from "../model/expectation.js";
import type { StaticMapping } from "../vpp/types.js";
import type { NatChoices } from "../vpp/nat44.js";
import type { VppNetwork } from "../vpp/types.js";
import { entryFor, PlacementError } from "./entry.js";
import { ClusterState, walkPacket, type Walk, type WalkPacket } from "./walk.js";
import { walkByArcs, walksByArcs } from "./arc-walk.js";
import { tunnelEntryFor } from "./tunnel-entry.js";
import { ECHO_REPLY, ECHO_REQUEST } from "./icmp.js";

export interface ConnectionOptions {
  direction: Direction;
  /** The possible histories of the packet (at least one). */
  histories: History[];
  /** The endpoint load balancing chose, for a service with several. */
  endpoint?: Endpoint;
  /** The source port dynamic source NAT allocated, when it is known. */
  snatPort?: number;
}

export interface SimulatedConnection {
  /** The walk of the packet asked for (what any of its histories of this shape would show). */
  walk: Walk;
  /** The histories `walk` stands for. */
  histories: History[];
  /** Walks of other shapes that other possible histories give (the packet meets another
   *  verdict: an ACL, a NAT drop): kept apart, never merged into `walk`. */
  alternatives: { histories: History[]; walk: Walk }[];
  /** Where the connection goes after destination NAT. */
  endpoint: Endpoint;
  /** The client addressed a NAT static mapping (a service), not the server. */
  viaService: boolean;
}

function choicesFor(options: ConnectionOptions): NatChoices {
  return {
    local: (mapping: StaticMapping) => mapping.locals.find((l) => l.ip === options.endpoint?.ip && l.port === options.endpoint?.port) ?? options.endpoint,
    snatPort: () => options.snatPort,
  };
}

/** A connection's first packet; a ping's is the echo request (type 8). */
const firstPacket = (flow: Flow): WalkPacket => ({ proto: PROTOCOL_NUMBER[flow.proto], src: flow.src.ip, dst: flow.dst.ip, srcPort: flow.src.port, dstPort: flow.dst.port, ttl: { basis: "entered", value: 0 }, icmpType: flow.proto === "ICMP" ? ECHO_REQUEST : undefined });

function walkFrom(network: VppNetwork, state: ClusterState, choices: NatChoices, packet: WalkPacket): Walk {
  // A configuration that lists its feature arcs (a state dump) is walked by them.
  const walk = walksByArcs(network) ? walkByArcs : walkPacket;
  try {
    return walk(network, state, choices, entryFor(network, packet.src, packet.dst), packet);
  } catch (error) {
    // From beyond a tunnel (the other node's pod, with one node's state): it arrives encapsulated.
    const tunnelled = error instanceof PlacementError ? tunnelEntryFor(network, packet) : undefined;
    if (tunnelled === undefined) throw error;
    return walk(network, state, choices, tunnelled, tunnelled.packet);
  }
}

/** The reply to a packet as the walk delivered it: addresses and ports swapped. */
function replyTo(walk: Walk): WalkPacket {
  const outcome = walk.outcome;
  if (outcome.kind === "dropped") throw new PlacementError(`the request is dropped on ${outcome.node.name} (${outcome.why}): there is no response`);
  if (outcome.kind === "local") throw new PlacementError(`the request is delivered to VPP itself on ${outcome.node.name}: its reply comes from VPP's own stack, which the model does not walk`);
  // A port dynamic NAT chose and nobody said stays unknown: NAT matches it as any port.
  const p = outcome.packet;
  return { proto: p.proto, src: p.dst, dst: p.src, srcPort: p.dstPort, dstPort: p.srcPort, ttl: { basis: "entered", value: 0 }, icmpType: p.proto === 1 ? ECHO_REPLY : undefined };
}

function delivered(walk: Walk, flow: Flow): Endpoint {
  const o = walk.outcome;
  if (o.kind === "dropped") return flow.dst;
  return { ip: o.packet.dst, port: o.packet.dstPort ?? flow.dst.port };
}

/** The walks of one history: the packets before the asked one, then the asked one. */
function walkHistory(network: VppNetwork, flow: Flow, options: ConnectionOptions, history: History): { walk: Walk; request: Walk } {
  const state = new ClusterState();
  const choices = choicesFor(options);
  const request = walkFrom(network, state, choices, firstPacket(flow));
  if (history === 0) {
    if (options.direction === "response") throw new PlacementError("the first packet of a connection is the client's: a response cannot open it");
    return { walk: request, request };
  }
  const asked = (): Walk => (options.direction === "request" ? walkFrom(network, state, choices, firstPacket(flow)) : walkFrom(network, state, choices, replyTo(request)));
  // A state's request that ends in VPP itself (a tunnel's packet whose inner one is not
  // known) or is dropped has no reply the model walks: a later request meets what the first
  // one left (its ACL sessions).
  const unanswered = request.outcome.kind === "local" || request.outcome.kind === "dropped";
  if (unanswered && options.direction === "request" && walksByArcs(network)) return { walk: asked(), request };
  if (history === 1) return { walk: asked(), request };
  walkFrom(network, state, choices, replyTo(request));
  return { walk: asked(), request };
}

/** Whether two walks cross the same graph nodes on the same VPP instances. */
const sameShape = (a: Walk, b: Walk): boolean =>
  a.segments.length === b.segments.length && a.segments.every((s, i) => s.node === b.segments[i].node && s.hops.length === b.segments[i].hops.length && s.hops.every((h, j) => h.node === b.segments[i].hops[j].node));

/** The ACL actions of two walks of the same shape, merged: what either history shows. */
function mergeWalks(a: Walk, b: Walk): Walk {
  const segments = a.segments.map((s, i) => ({
    ...s,
    hops: s.hops.map((h, j) => {
      const other = b.segments[i].hops[j];
      if (h.expect.aclActions === undefined || other.expect.aclActions === undefined) return h;
      const actions = [...new Set([...h.expect.aclActions, ...other.expect.aclActions])].sort();
      return actions.length === h.expect.aclActions.length ? h : { ...h, expect: { ...h.expect, aclActions: actions }, why: [...h.why, "whether earlier packets of the connection passed is not known"] };
    }),
  }));
  return { ...a, segments };
}

/** Histories whose walks have one shape, merged (their ACL actions joined); a walk of
 *  another shape is another expectation, kept apart for the matcher to choose by the trace.
 *  In the order of the histories' first walks. */
export function groupWalks(walked: { history: History; walk: Walk }[]): { histories: History[]; walk: Walk }[] {
  const groups: { histories: History[]; walk: Walk }[] = [];
  for (const w of walked) {
    const group = groups.find((g) => sameShape(g.walk, w.walk));
    if (group === undefined) groups.push({ histories: [w.history], walk: w.walk });
    else [group.histories, group.walk] = [[...group.histories, w.history], mergeWalks(group.walk, w.walk)];
  }
  return groups;
}

/** The walks of the histories the configuration allows: one whose earlier packets could not
 *  have crossed VPP (a request a policy drops has no reply) is no possible history, as long
 *  as another is. */
function possibleWalks(network: VppNetwork, flow: Flow, options: ConnectionOptions): { history: History; walk: Walk; request: Walk }[] {
  const walks: { history: History; walk: Walk; request: Walk }[] = [];
  let impossible: PlacementError | undefined;
  for (const history of options.histories) {
    try {
      walks.push({ history, ...walkHistory(network, flow, options, history) });
    } catch (error) {
      if (!(error instanceof PlacementError) || options.histories.length === 1) throw error;
      impossible ??= error;
    }
  }
  if (walks.length === 0) throw impossible!;
  return walks;
}

export function simulateConnection(network: VppNetwork, flow: Flow, options: ConnectionOptions): SimulatedConnection {
  const walked = possibleWalks(network, flow, options);
  const [main, ...alternatives] = groupWalks(walked);
  const endpoint = delivered(walked[0].request, flow);
  return { walk: main.walk, histories: main.histories, alternatives, endpoint, viaService: endpoint.ip !== flow.dst.ip || endpoint.port !== flow.dst.port };
}
