/**
 * The matching layer: an observed packet placed in its connection and on its node, the
 * expected path the forwarder computes for it, the alignment of its records with that
 * path, and the TTLs that anchor the path's relative ones. Computed once per packet by
 * the checker; rules, reporters and the diff read the result.
 */
import type { DataPlane } from "../dataplanes/types.js";
import type { Alignment, ExpectedHop, ExpectedNodePath, ExpectedPaths, PacketExpectation, PacketMatch } from "../model/expectation.js";
import type { FieldName, Packet } from "../model/trace.js";
import { VIEW_FIELDS, type HeaderView } from "../trace/headers.js";
import type { VppNetwork } from "../vpp/types.js";
import { own, ownName } from "../model/own.js";
import { expectConnection, ForwardingLoopError, NotModelledError, PlacementError, UnknownChoiceError } from "../forwarder/index.js";
import { alignPath } from "./align.js";
import { ConnectionTable } from "./connections.js";
import { placePacket, type Placement } from "./place.js";

export type { PacketMatch };

/** The record fields placing and aligning a packet read, beside its header views: NAT's
 *  records tell a translation and its direction; printed TTLs anchor the relative ones. */
export const MATCH_FIELDS: readonly FieldName[] = [...VIEW_FIELDS, "nat"];

/** Expected paths kept per rendered network: the packets of a connection share one. */
const MAX_CACHED = 4096;
/** Trie nodes of the alignments kept per expected path. */
const MAX_ALIGNMENTS = 4096;

interface AlignmentTrie {
  next: Map<string, AlignmentTrie>;
  alignment?: Alignment;
}

function addressesOf(views: HeaderView[]): string[] {
  const addresses: string[] = [];
  for (const v of views) {
    if (!addresses.includes(v.src)) addresses.push(v.src);
    if (!addresses.includes(v.dst)) addresses.push(v.dst);
  }
  return addresses;
}

/** The TTL a record prints for the header its hop is about. */
function printedTtl(packet: Packet, index: number): number | undefined {
  const f = packet.records[index].fields;
  return f.ip4?.ttl ?? f.hexdump?.ip4?.ttl;
}

/** The bases of relative TTLs, as most records of each basis show them: one odd print is
 *  then the finding, not every print after it. */
function ttlBasis(packet: Packet, alignment: Alignment): PacketExpectation["ttlBasis"] {
  const bases = { entered: [] as number[], arrived: [] as number[] };
  alignment.hops.forEach((hop, i) => {
    const ttl = hop?.expect.ttl;
    if (ttl === undefined || ttl.basis === "set") return;
    const printed = printedTtl(packet, i);
    if (printed !== undefined) bases[ttl.basis].push(printed - ttl.value);
  });
  const basis: PacketExpectation["ttlBasis"] = {};
  const entered = mostCommon(bases.entered);
  const arrived = mostCommon(bases.arrived);
  if (entered !== undefined) basis.entered = entered;
  if (arrived !== undefined) basis.arrived = arrived;
  return basis;
}

/** The value most of `values` have (the first of those tied); a packet prints a few. */
function mostCommon(values: number[]): number | undefined {
  let best: number | undefined;
  let bestCount = 0;
  for (const v of values) {
    let count = 0;
    for (const w of values) if (w === v) count++;
    if (count > bestCount) {
      best = v;
      bestCount = count;
    }
  }
  return best;
}

/** The ports NAT's configuration names: a client port among them could match a mapping,
 *  so its walk is not shared with other ports'. */
const portsByNetwork = new WeakMap<VppNetwork, Set<number>>();
function natPorts(network: VppNetwork): Set<number> {
  let ports = portsByNetwork.get(network);
  if (ports === undefined) {
    ports = new Set();
    for (const node of network.nodes) {
      for (const m of node.nat44.staticMappings) [m.external, ...m.locals].forEach((e) => ports!.add(e.port));
      for (const m of node.nat44.identityMappings) if (m.port !== undefined) ports.add(m.port);
    }
    portsByNetwork.set(network, ports);
  }
  return ports;
}

/** A walk computed for another client port, with this one: the flow and the NAT
 *  translations that name the client; every other hop is shared. */
function rebindClientPort(expected: ExpectedPaths, port: number): ExpectedPaths {
  const client = expected.flow.src;
  const was = `${client.ip}:${client.port}`;
  const now = `${client.ip}:${port}`;
  const swap = (text: string): string => (text === was ? now : text);
  const namesClient = (hop: ExpectedHop): boolean => {
    const t = hop.expect.nat?.translate;
    return t !== undefined && (t.from === was || t.to === was);
  };
  const rebound = (hop: ExpectedHop): ExpectedHop => {
    if (!namesClient(hop)) return hop;
    const t = hop.expect.nat!.translate!;
    return { ...hop, expect: { ...hop.expect, nat: { ...hop.expect.nat!, translate: { ...t, from: swap(t.from), to: swap(t.to) } } } };
  };
  // A path none of whose hops names the client is the same path: its alignments stay cached.
  const rebind = (paths: ExpectedNodePath[]): ExpectedNodePath[] => (paths.some((path) => path.hops.some(namesClient)) ? paths.map((path) => (path.hops.some(namesClient) ? { ...path, hops: path.hops.map(rebound) } : path)) : paths);
  const withPort = { ...expected, flow: { ...expected.flow, src: { ip: client.ip, port } }, paths: rebind(expected.paths) };
  if (expected.alternatives !== undefined) withPort.alternatives = expected.alternatives.map((a) => ({ ...a, paths: rebind(a.paths) }));
  return withPort;
}

export function describeMatch(m: PacketMatch): string {
  if (m.kind === "unplaced") return `unchecked: ${m.reason}`;
  const e = m.expectation;
  const phase = e.phase === "established" ? " (established)" : e.phase === "unknown" ? " (history unknown)" : "";
  return `${e.scenario} ${e.direction}${phase} on ${e.k8sNode}${e.role === "node" ? "" : ` (${e.role})`}`;
}

export class Matcher {
  private readonly table: ConnectionTable;
  private readonly cache = new WeakMap<VppNetwork, Map<string, ExpectedPaths>>();

  /** `maxTableEntries`: how many entries the connection table holds (match/bounded.ts). */
  constructor(
    readonly plane: DataPlane,
    maxTableEntries?: number,
    oneCapture = false,
  ) {
    this.table = new ConnectionTable(maxTableEntries, oneCapture);
  }

  /** Entries the connection table let go to stay bounded. */
  get evictedConnections(): number {
    return this.table.evicted;
  }

  /** Place a packet and remember its connection, without aligning it (a whole input's
   *  first pass: a reply may come before its request). */
  learn(packet: Packet, views: HeaderView[]): void {
    this.place(packet, views);
  }

  match(packet: Packet, views: HeaderView[]): PacketMatch {
    const placed = this.place(packet, views);
    if (placed.kind === "unplaced") return placed;
    const { placement } = placed;
    const expected = this.chooseWalk(packet, placed.expected, placement.capturedOn);
    const path = expected.paths.find((p) => p.k8sNode === placement.capturedOn);
    const k8sNode = placement.capturedOn;
    // Built as whole literals, not spreads of a common part: one per packet.
    if (path === undefined) {
      const crossed = expected.paths.map((p) => p.k8sNode).join(" → ");
      const offPath = `the packet should not reach ${k8sNode}: its path crosses ${crossed} (${expected.outcome})`;
      const nowhere = { k8sNode, role: "node" as const, hops: [] };
      return { kind: "placed", expectation: { scenario: expected.scenario, direction: expected.direction, phase: expected.phase, k8sNode, expected, role: "node", path: nowhere, alignment: { hops: [] }, ttlBasis: {}, offPath } };
    }
    const alignment = this.align(packet, path);
    return { kind: "placed", expectation: { scenario: expected.scenario, direction: expected.direction, phase: expected.phase, k8sNode, expected, role: path.role, path, alignment, ttlBasis: ttlBasis(packet, alignment) } };
  }

  /** The walk the trace shows, when the packet's possible histories give walks of several
   *  shapes: the main one unless it diverges where an alternative does not. The choice is
   *  said in the outcome. */
  private chooseWalk(packet: Packet, expected: ExpectedPaths, node: string): ExpectedPaths {
    if (expected.alternatives === undefined) return expected;
    const fits = (paths: ExpectedNodePath[]): boolean => {
      const path = paths.find((p) => p.k8sNode === node);
      return path !== undefined && this.align(packet, path).divergence === undefined;
    };
    if (fits(expected.paths)) return expected;
    const alternative = expected.alternatives.find((a) => fits(a.paths));
    if (alternative === undefined) return expected;
    const others = `its other possible histories would have it ${expected.outcome}`;
    return { ...expected, phase: alternative.phase, paths: alternative.paths, outcome: `${alternative.outcome} (the walk the trace shows; ${others})` };
  }

  /** Alignments per expected path and sequence of graph nodes: the packets of one kind
   *  repeat both (an alignment holds the path's own hops, so it is kept per path). A trie
   *  by node name, so that finding one builds no key. */
  private readonly alignments = new WeakMap<ExpectedHop[], { root: AlignmentTrie; size: number }>();

  private align(packet: Packet, path: ExpectedNodePath): Alignment {
    let trie = this.alignments.get(path.hops);
    if (trie === undefined) this.alignments.set(path.hops, (trie = { root: { next: new Map() }, size: 0 }));
    // Bounded: a malformed capture may show any number of node sequences.
    if (trie.size >= MAX_ALIGNMENTS) [trie.root, trie.size] = [{ next: new Map() }, 0];
    let at = trie.root;
    for (const r of packet.records) {
      let next = at.next.get(r.node);
      if (next === undefined) {
        at.next.set(ownName(r.node), (next = { next: new Map() }));
        trie.size++;
      }
      at = next;
    }
    return (at.alignment ??= alignPath(packet.records, path.hops, path.openEnd));
  }

  private place(packet: Packet, views: HeaderView[]): { kind: "placed"; placement: Placement; expected: ExpectedPaths } | { kind: "unplaced"; reason: string } {
    try {
      const network = this.plane.network(addressesOf(views));
      const placement = placePacket(network, packet, views, this.table, this.plane.infersServices);
      const expected = this.expect(network, placement);
      this.table.remember(expected.flow, expected.endpoint, placement.atClientNode);
      if (placement.snatted !== undefined) this.table.rememberSnat(placement.inner.proto, placement.snatted, expected.flow.src);
      return { kind: "placed", placement, expected };
    } catch (error) {
      // An address the data plane cannot place is the reason, rather than what the walk
      // then failed to find (no route back to it): the user learns what to describe.
      if (error instanceof PlacementError) return { kind: "unplaced", reason: this.unplacedEnd(views) ?? error.message };
      if (error instanceof UnknownChoiceError || error instanceof NotModelledError || error instanceof ForwardingLoopError) return { kind: "unplaced", reason: error.message };
      throw error;
    }
  }

  /** Why the data plane cannot place an end of the packet's first header, if it cannot. */
  private unplacedEnd(views: HeaderView[]): string | undefined {
    const first = views.find((v) => v.source === "print");
    if (first === undefined) return undefined;
    return this.plane.unplaced(first.src) ?? this.plane.unplaced(first.dst);
  }

  private expect(network: VppNetwork, p: Placement): ExpectedPaths {
    let byKey = this.cache.get(network);
    if (byKey === undefined) this.cache.set(network, (byKey = new Map()));
    const { flow } = p;
    // The client's ephemeral port changes nothing VPP decides, only the strings that carry
    // it: connections that differ in it alone share one walk, rebound to their port.
    const shared = !natPorts(network).has(flow.src.port);
    const key = `${flow.proto} ${flow.src.ip}:${shared ? "*" : flow.src.port}>${flow.dst.ip}:${flow.dst.port}|${p.direction}|${p.histories.join("")}|${p.endpoint?.ip}:${p.endpoint?.port}|${p.snatPort}`;
    const cached = byKey.get(key);
    if (cached !== undefined) return cached.flow.src.port === flow.src.port ? cached : rebindClientPort(cached, flow.src.port);
    if (byKey.size >= MAX_CACHED) byKey.clear();
    // Kept across packets: own copies, never slices of the piece being parsed.
    const kept = { proto: flow.proto, src: { ip: own(flow.src.ip), port: flow.src.port }, dst: { ip: own(flow.dst.ip), port: flow.dst.port } };
    const endpoint = p.endpoint === undefined ? undefined : { ip: own(p.endpoint.ip), port: p.endpoint.port };
    const expected = expectConnection(this.plane, kept, { direction: p.direction, histories: p.histories, endpoint, snatPort: p.snatPort }).expected;
    byKey.set(own(key), expected);
    return expected;
  }
}
