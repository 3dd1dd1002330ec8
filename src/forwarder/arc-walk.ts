/**
 * The walk of a packet through a configuration that lists its feature arcs (a VPP state
 * dump: `show interface features`), as VPP 21.x–26.x forwards it. Data-driven: the nodes
 * after ip4-input, after ip4-rewrite and in a bridge domain's L2 input are the features the
 * interface's arcs list, in their order, each handled by its entry in FEATURES below; a
 * feature node the model does not know makes the packet unchecked, with its name, rather
 * than walked past. What differs from 18.x (walk.ts):
 * - af_packet interfaces: af-packet-input → ethernet-input; out by `host-X-output`, `host-X-tx`;
 * - ip4-receive (ip4-local before 23.x), then ip4-udp-lookup → vxlan4-input;
 * - NAT44-ED: nat44-ed-classify, the fast path and, on a miss, the slow path (vpp/nat44-ed.ts);
 *   nat-pre-out2in / nat-pre-in2out-output in front of the output-feature interface's nodes;
 * - the ACL plugin's rules decide (vpp/acl-rules.ts), and a deny drops at error-drop + drop;
 * - after vxlan4-encap the tunnel's adjacency goes straight to ip4-rewrite;
 * - an attached destination with no neighbour is gleaned (ip4-glean: ARP, the packet dropped).
 */
import type { ExpectedHop, HopExpectation, NatExpectation, TtlExpectation } from "../model/expectation.js";
import { type AclDirection, type FiveTuple } from "../vpp/acl.js";
import { ruleVerdict } from "../vpp/acl-rules.js";
import { describeFibEntry, fibLookup, interfaceByKey } from "../vpp/fib.js";
import type { EdDecision } from "../vpp/nat44-ed.js";
import { formatNatEndpoint, NotModelledError, type NatChoices } from "../vpp/nat44.js";
import type { AclAttachment, VppInterface, VppNetwork, VppNode } from "../vpp/types.js";
import { FEATURES } from "./arc-features.js";
import { DEVICE_INPUT, hop, interfaceNode, NODE, where } from "./graph.js";
import { ClusterState, ForwardingLoopError, leaving, nodeWithAddress, ttlOf, vxlanEncap, type Outcome, type Segment, type Walk, type WalkPacket } from "./walk.js";

const MAX_HOPS = 200;
const decremented = (ttl: TtlExpectation): TtlExpectation => ({ basis: ttl.basis, value: ttl.value - 1 });
const flowText = (p: WalkPacket): string => `${p.src}${p.srcPort === undefined ? "" : `:${p.srcPort}`} > ${p.dst}${p.dstPort === undefined ? "" : `:${p.dstPort}`}`;

/** Does this network list feature arcs (a state), so that this walker applies? */
export const walksByArcs = (network: VppNetwork): boolean => network.nodes.some((n) => n.interfaces.some((i) => i.features !== undefined));

export function walkByArcs(network: VppNetwork, state: ClusterState, choices: NatChoices, entry: { node: VppNode; iface: VppInterface }, packet: WalkPacket): Walk {
  return new ArcWalker(network, state, choices).fromDevice(entry.node, entry.iface, packet);
}

/** What a feature leaves of the packet: the packet to go on with, or the end of the walk. */
export type Step = { go: WalkPacket } | { end: Walk };

const arcOf = (iface: VppInterface, arc: string): string[] => iface.features?.[arc] ?? [];

export class ArcWalker {
  private readonly segments: Segment[] = [];
  private current!: Segment;
  private count = 0;

  constructor(
    readonly network: VppNetwork,
    readonly state: ClusterState,
    readonly choices: NatChoices,
  ) {}

  push(h: ExpectedHop): void {
    this.current.hops.push(h);
    if (++this.count > MAX_HOPS) throw new ForwardingLoopError(`the walk passed ${MAX_HOPS} graph nodes: a forwarding loop`);
  }

  done(outcome: Outcome): Walk {
    return { segments: this.segments, outcome };
  }

  fromDevice(node: VppNode, iface: VppInterface, p: WalkPacket): Walk {
    this.current = { node, hops: [] };
    this.segments.push(this.current);
    const input = DEVICE_INPUT[iface.kind];
    if (input === undefined) throw new NotModelledError(`${node.name}: packets do not enter VPP by ${where(iface)} (${iface.kind}) in the model`);
    const at = where(iface);
    this.push(hop(input.node, at, [`${iface.name} is an ${iface.kind} interface (${iface.why})`], {}, { pattern: input.pattern }));
    this.push(hop("ethernet-input", at, ["ethertype IPv4"], {}, { optional: iface.kind === "ethernet" }));
    return this.ip4Input(node, iface, p);
  }

  /** ip4-input, the features of the interface's ip4-unicast arc in order, ip4-lookup. */
  ip4Input(node: VppNode, iface: VppInterface, packet: WalkPacket): Walk {
    this.push(hop(NODE.ip4Input.node, where(iface), [`${flowText(packet)} enters at layer 3 on ${iface.name}`], ttlOf(packet), { pattern: NODE.ip4Input.pattern }));
    const step = this.arc(node, iface, "ip4-unicast", packet);
    return "end" in step ? step.end : this.route(node, step.go);
  }

  /** The features of one arc, in order; each may change the packet or end the walk. */
  arc(node: VppNode, iface: VppInterface, arc: string, packet: WalkPacket): Step {
    let p = packet;
    for (const name of arcOf(iface, arc)) {
      const feature = FEATURES[name];
      if (feature === undefined) throw new NotModelledError(`${name} on the ${arc} arc of ${iface.name} (${node.name}) is a feature node the model does not walk`);
      const step = feature(this, node, iface, p);
      if ("end" in step) return step;
      p = step.go;
    }
    return { go: p };
  }

  dropped(node: VppNode, at: string, why: string, hops: ExpectedHop[] = []): Walk {
    for (const h of hops) this.push(h);
    this.push(hop("error-drop", at, [why], { drop: why }));
    this.push(hop("drop", at, [why], { drop: why }, { optional: true }));
    return this.done({ kind: "dropped", node, why });
  }

  aclHop(node: VppNode, iface: VppInterface, direction: AclDirection, name: string, p: WalkPacket): Step {
    const acl = iface.acl[direction];
    if (acl === undefined) return { go: p };
    const tuple: FiveTuple = p;
    const hit = this.state.acl.hit(node.name, iface.key, direction, tuple);
    const verdict = acl.rules === undefined ? { action: hit ? 3 : acl.reflective ? 2 : 1, why: acl.why } : ruleVerdict(acl as AclAttachment & { rules: NonNullable<AclAttachment["rules"]> }, tuple, hit);
    if (verdict.action === 2) this.state.acl.add(node.name, iface.key, direction, tuple);
    const expect: HopExpectation = { aclActions: [verdict.action] };
    if (iface.swIfIndex !== undefined) expect.aclSwIfIndex = iface.swIfIndex;
    if ("rule" in verdict && verdict.rule !== undefined) expect.aclRule = { acl: verdict.rule.acl, rule: verdict.rule.index };
    this.push(hop(name, where(iface), [verdict.why], expect));
    if (verdict.action !== 0) return { go: p };
    return { end: this.dropped(node, where(iface), `${name}: ACL deny (${verdict.why})`) };
  }

  /** A NAT node's fast path, and its slow path when the fast path misses. */
  natHops(node: VppNode, iface: VppInterface, names: [string, string], stage: string, why: string[], d: EdDecision, p: WalkPacket): Step {
    const at = where(iface);
    const decision = d.decision;
    if (decision.kind === "drop") return { end: this.dropped(node, at, decision.why, [hop(names[0], at, [...why, decision.why])]) };
    const nat: NatExpectation = { stage, session: decision.kind === "session" ? "session" : "none" };
    if (decision.kind === "session" && decision.identity) nat.identity = true;
    const t = decision.kind === "session" ? decision.translation : undefined;
    if (t !== undefined) {
      nat.translate = { field: t.field, from: formatNatEndpoint(t.from), to: formatNatEndpoint(t.to) };
      if (t.allowed !== undefined) nat.translate.allowed = t.allowed.map(formatNatEndpoint);
    }
    const all = [...why, decision.why];
    if (d.fast) this.push(hop(names[0], at, all, { nat }));
    else {
      // The fast path's miss translates nothing; the stage's expectation is the slow path's.
      this.push(hop(names[0], at, [...why, "no session: the fast path misses and hands the packet to the slow path"]));
      this.push(hop(names[1], at, all, { nat }));
    }
    if (t === undefined) return { go: p };
    return { go: t.field === "src" ? { ...p, src: t.to.ip, srcPort: t.to.port ?? p.srcPort } : { ...p, dst: t.to.ip, dstPort: t.to.port ?? p.dstPort } };
  }

  route(node: VppNode, p: WalkPacket): Walk {
    const result = fibLookup(node, p.dst);
    const fib = result.entry === undefined ? `no route to ${p.dst}: VPP's default route drops` : describeFibEntry(result.entry, node);
    this.push(hop("ip4-lookup", node.name, [fib], ttlOf(p)));
    if (result.kind === "drop") return this.dropped(node, node.name, fib, [hop("ip4-drop", node.name, [fib], {}, { optional: true })]);
    if (result.kind === "receive") return this.receive(node, result.interface, p, fib);
    if (result.entry.path.kind === "attached" && !node.neighbours.some((n) => n.ip === p.dst && n.interface === result.interface.key)) {
      const why = `ARP glean: ${p.dst} is on the link of ${result.interface.name} (${fib}) but no neighbour resolves it; VPP sends an ARP request and drops the packet`;
      return this.dropped(node, where(result.interface), why, [hop("ip4-glean", where(result.interface), [why])]);
    }
    return this.rewrite(node, result.interface, result.nextHop, p, fib);
  }

  /** ip4-receive: a VXLAN packet from a tunnel's remote end goes into the tunnel's bridge
   *  domain; anything else is for VPP itself. */
  receive(node: VppNode, iface: VppInterface, p: WalkPacket, fib: string): Walk {
    this.push(hop("ip4-receive", where(iface), [fib], ttlOf(p), { pattern: "^ip4-(?:receive|local)$" }));
    const tunnel = node.interfaces.find((i) => i.vxlan !== undefined && i.vxlan.src === p.dst && i.vxlan.dst === p.src && p.proto === 17 && p.dstPort === i.vxlan.port);
    if (tunnel === undefined) {
      this.current.openEnd = true;
      return this.done({ kind: "local", node, packet: p });
    }
    const t = tunnel.vxlan!;
    this.push(hop("ip4-udp-lookup", where(iface), [`UDP port ${t.port} is VXLAN's`]));
    this.push(hop("vxlan4-input", `VXLAN tunnel from ${t.dst}`, [tunnel.why], { vni: t.vni, tunnel: { src: t.dst, dst: t.src, port: t.port } }));
    if (p.inner === undefined) {
      // The inner packet is not known (the trace does not show it): the walk ends at the decap.
      this.current.openEnd = true;
      return this.done({ kind: "local", node, packet: p });
    }
    const bd = node.bridgeDomains.find((b) => b.members.includes(tunnel.key));
    const bvi = bd?.bvi === undefined ? undefined : interfaceByKey(node, bd.bvi);
    if (bd === undefined || bvi === undefined) return this.dropped(node, where(tunnel), `the tunnel from ${t.dst} is in no bridge domain with a BVI`);
    const step = this.l2Input(node, tunnel, bd.id, p.inner);
    if ("end" in step) return step.end;
    this.push(hop("l2-fwd", `bridge domain ${bd.id}`, [`the inner frame is addressed to the BVI ${where(bvi)}`]));
    return this.ip4Input(node, bvi, step.go);
  }

  /** l2-input and the member's L2 input features up to l2-fwd (l2-learn, the feature arc). */
  l2Input(node: VppNode, member: VppInterface, bd: number, p: WalkPacket): Step {
    const at = `bridge domain ${bd}`;
    this.push(hop("l2-input", at, [`${member.name} is a member of bridge domain ${bd}`]));
    for (const name of arcOf(member, "l2-input")) {
      if (name === "l2-fwd" || name === "l2-flood") break;
      if (name === "l2-learn") this.push(hop("l2-learn", at, [`bridge domain ${bd} learns source MACs on ${member.name}`]));
      else if (name === "l2-input-feat-arc") {
        this.push(hop("l2-input-feat-arc", at, [`${member.name}'s L2 input feature arc`]));
        const step = this.arc(node, member, "l2-input-ip4", p);
        if ("end" in step) return step;
        p = step.go;
        this.push(hop("l2-input-feat-arc-end", at, [`the end of ${member.name}'s L2 input feature arc`]));
      } else throw new NotModelledError(`${name} on the l2-input arc of ${member.name} (${node.name}) is an L2 feature the model does not walk`);
    }
    return { go: p };
  }

  rewrite(node: VppNode, out: VppInterface, nextHop: string | undefined, packet: WalkPacket, fib: string): Walk {
    const p: WalkPacket = { ...packet, ttl: decremented(packet.ttl) };
    const at = where(out);
    const neighbour = node.neighbours.find((n) => n.ip === nextHop && n.interface === out.key);
    const expect = leaving(out, p);
    if (nextHop !== undefined) expect.via = nextHop;
    const why = [fib, neighbour === undefined ? `${nextHop ?? "the gateway"} is resolved on ${at}` : `${nextHop} is ${neighbour.mac} (${neighbour.why})`, "ip4-rewrite lowers the TTL by one"];
    this.push(hop("ip4-rewrite", at, why, expect));
    const step = this.arc(node, out, "ip4-output", p);
    if ("end" in step) return step.end;
    const sent = step.go;
    const output = interfaceNode(out, "output");
    this.push(hop(output.node, at, [`out of ${out.name}`], leaving(out, sent), { pattern: output.pattern }));
    if (out.kind === "loopback") return this.bridgeFromBvi(node, out, neighbour?.mac, sent);
    if (out.kind !== "ethernet" && out.kind !== "af-packet") return this.done({ kind: "delivered", node, to: out, packet: sent });
    const tx = interfaceNode(out, "tx");
    this.push(hop(tx.node, at, ["the interface's transmit node"], leaving(out, sent), { pattern: tx.pattern, optional: out.kind === "ethernet" }));
    const next = nodeWithAddress(this.network, sent.dst);
    if (next !== undefined && next.node !== node && sent.inner !== undefined) return this.fromDevice(next.node, next.iface, { ...sent, ttl: { basis: "arrived", value: 0 } });
    if (next !== undefined && next.node !== node) return this.fromDevice(next.node, next.iface, sent);
    // A tunnel's packet that leaves the network: its connection is the inner packet's.
    const carried = sent.inner ?? sent;
    return this.done(nextHop === sent.dst ? { kind: "delivered", node, to: out, packet: carried } : { kind: "left", node, by: out, nextHop, packet: carried });
  }

  bridgeFromBvi(node: VppNode, bvi: VppInterface, dstMac: string | undefined, p: WalkPacket): Walk {
    const bd = node.bridgeDomains.find((b) => b.id === bvi.bridgeDomain?.id);
    if (bd === undefined) return this.dropped(node, where(bvi), `${where(bvi)} is in no bridge domain`);
    const step = this.l2Input(node, bvi, bd.id, p);
    if ("end" in step) return step.end;
    const at = `bridge domain ${bd.id}`;
    const entry = dstMac === undefined ? undefined : bd.l2fib.find((e) => e.mac === dstMac);
    if (entry === undefined) throw new NotModelledError(`no L2 FIB entry for ${dstMac ?? "the next hop's MAC"} in bridge domain ${bd.id}: VPP floods it, which the model does not walk`);
    const member = interfaceByKey(node, entry.interface);
    this.push(hop("l2-fwd", at, [`l2fib ${entry.mac} → ${member.name} (${entry.why})`]));
    this.push(hop("l2-output", at, [`out of the bridge domain by ${member.name}`]));
    if (member.vxlan === undefined) return this.done({ kind: "delivered", node, to: member, packet: p });
    return this.encap(node, member, step.go);
  }

  encap(node: VppNode, tunnel: VppInterface, inner: WalkPacket): Walk {
    const t = tunnel.vxlan!;
    const { at, encapHop, outer } = vxlanEncap(tunnel, inner);
    this.push(encapHop);
    // The tunnel's adjacency is stacked on the route to its destination: no ip4-lookup is
    // traced before ip4-rewrite.
    const result = fibLookup(node, t.dst);
    const fib = result.entry === undefined ? `no route to ${t.dst}` : describeFibEntry(result.entry, node);
    this.push(hop(NODE.outerRoute.node, node.name, [`the tunnel is stacked on the route to ${t.dst}: ${fib}`], ttlOf(outer), { pattern: NODE.outerRoute.pattern, optional: true }));
    if (result.kind !== "forward") return this.dropped(node, at, `no route to the tunnel's destination ${t.dst}`);
    return this.rewrite(node, result.interface, result.nextHop, outer, fib);
  }

  /** The interface a packet to `dst` leaves by, for NAT's in2out slow path. */
  egressOf(node: VppNode, dst: string): VppInterface | undefined {
    const r = fibLookup(node, dst);
    return r.kind === "forward" ? r.interface : undefined;
  }
}

