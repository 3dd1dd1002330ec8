/**
 * One packet walked through VPP's graph on the modelled configuration, as VPP forwards it:
 * device input → ethernet-input → ip4-input → ip4-unicast features (ACL, NAT) → ip4-lookup
 * on the FIB → ip4-local, or ip4-rewrite (TTL − 1) → ip4-output features → `<if>-output`;
 * out of a BVI into its bridge domain (L2 input features, l2-fwd on the static L2 FIB,
 * l2-output) and a VXLAN tunnel (vxlan4-encap, the outer packet routed on the tunnel's
 * FIB entry); across the underlay to the node that owns the destination; on the receiving
 * node ip4-local → ip4-udp-lookup → vxlan4-input → the bridge domain → the BVI's ip4-input.
 *
 * Each hop carries what VPP does there (ACL action, NAT session and translation, TTL,
 * egress, VNI, outer header) and why (the FIB entry, mapping, ACL or feature). The walk
 * updates the cluster's state (ACL and NAT sessions), so the packets of one connection
 * walked in order see what the earlier ones left behind. Pure: no trace is read here.
 */
import type { ExpectedHop, HopExpectation, InputExpectation, NatExpectation, TtlExpectation } from "../model/expectation.js";
import { AclSessions, aclVerdict, type AclDirection, type FiveTuple } from "../vpp/acl.js";
import { attachedAcl, hasOutputNat, natInputFeature, type NatFeature } from "../vpp/features.js";
import { describeFibEntry, fibLookup, interfaceByKey } from "../vpp/fib.js";
import { classifyDirection, formatNatEndpoint, in2out, in2outOutput, NatSessions, out2in, type NatChoices, type NatDecision } from "../vpp/nat44.js";
import type { AclAttachment, Neighbour, VppInterface, VppNetwork, VppNode } from "../vpp/types.js";
import { DEVICE_INPUT, displayName, hop, interfaceNode, NODE, where } from "./graph.js";

/** The packet as the walk carries it: its 5-tuple (`srcPortKey` stands for the VXLAN
 *  source port, a hash of the inner flow the model cannot know), and its TTL. */
export interface WalkPacket extends FiveTuple {
  ttl: TtlExpectation;
  /** The packet a VXLAN outer header carries. */
  inner?: WalkPacket;
}

/** The ACL and NAT sessions of the cluster's VPP instances. */
export class ClusterState {
  constructor(
    readonly acl = new AclSessions(),
    readonly nat = new NatSessions(),
  ) {}

  clone(): ClusterState {
    return new ClusterState(this.acl.clone(), this.nat.clone());
  }
}

export interface Segment {
  node: VppNode;
  hops: ExpectedHop[];
  openEnd?: boolean;
}

export type Outcome =
  | { kind: "delivered"; node: VppNode; to: VppInterface; packet: WalkPacket }
  | { kind: "left"; node: VppNode; by: VppInterface; nextHop: string | undefined; packet: WalkPacket }
  | { kind: "local"; node: VppNode; packet: WalkPacket }
  | { kind: "dropped"; node: VppNode; why: string };

export interface Walk {
  segments: Segment[];
  outcome: Outcome;
}

/** A walk longer than this is a forwarding loop. */
const MAX_HOPS = 200;

const decremented = (ttl: TtlExpectation): TtlExpectation => ({ basis: ttl.basis, value: ttl.value - 1 });
const flowText = (p: WalkPacket): string => `${p.src}${p.srcPort === undefined ? "" : `:${p.srcPort}`} > ${p.dst}${p.dstPort === undefined ? "" : `:${p.dstPort}`}`;

/** The Ethernet header ip4-rewrite writes, as far as the configuration gives it: the next
 *  hop's MAC from a static neighbour (ARP-resolved ones are not known), the output
 *  interface's own MAC as the source. */
function rewriteMacs(out: VppInterface, nextHop: string | undefined, neighbour: Neighbour | undefined): HopExpectation["macs"] {
  const macs: NonNullable<HopExpectation["macs"]> = {};
  if (neighbour?.mac !== undefined) macs.dst = { mac: neighbour.mac.toLowerCase(), why: `${nextHop} is ${neighbour.mac} (${neighbour.why})` };
  if (out.mac !== undefined) macs.src = { mac: out.mac.toLowerCase(), why: `${displayName(out)} is ${out.mac} (${out.macWhy ?? out.why})` };
  return macs.dst === undefined && macs.src === undefined ? undefined : macs;
}

/** What the hops of a packet entering by `iface` expect of the interface their records
 *  name; per interface of a rendered network, which is not changed. */
const inputs = new WeakMap<VppInterface, InputExpectation>();
function inputExpectation(node: VppNode, iface: VppInterface): InputExpectation {
  let input = inputs.get(iface);
  if (input === undefined) {
    const others = node.interfaces.filter((i) => i !== iface && i.swIfIndex !== undefined).map((i) => ({ swIfIndex: i.swIfIndex!, at: where(i) }));
    input = { at: where(iface), others };
    if (iface.swIfIndex !== undefined) input.swIfIndex = iface.swIfIndex;
    inputs.set(iface, input);
  }
  return input;
}

/** The node that owns `ip` on one of its interfaces: where the underlay delivers it. */
export function nodeWithAddress(network: VppNetwork, ip: string): { node: VppNode; iface: VppInterface } | undefined {
  for (const node of network.nodes) {
    for (const iface of node.interfaces) if ((iface.kind === "ethernet" || iface.kind === "af-packet") && iface.addresses.some((a) => a.split("/")[0] === ip)) return { node, iface };
  }
  return undefined;
}

export function walkPacket(network: VppNetwork, state: ClusterState, choices: NatChoices, entry: { node: VppNode; iface: VppInterface }, packet: WalkPacket): Walk {
  return new Walker(network, state, choices).fromDevice(entry.node, entry.iface, packet);
}



/** A VXLAN tunnel's encapsulation of `inner`: its vxlan4-encap hop, and the outer packet
 *  vxlan_rewrite (src/vnet/vxlan/vxlan.c) builds — TTL 254, the UDP source port a hash of
 *  the inner flow, which the model keys by that flow. */
export function vxlanEncap(tunnel: VppInterface, inner: WalkPacket): { at: string; encapHop: ExpectedHop; outer: WalkPacket } {
  const t = tunnel.vxlan!;
  const at = `VXLAN tunnel to ${t.dst}`;
  const encapHop = hop("vxlan4-encap", at, [tunnel.why], { vni: t.vni, tunnel: { src: t.src, dst: t.dst, port: t.port } });
  const outer: WalkPacket = { proto: 17, src: t.src, dst: t.dst, dstPort: t.port, srcPortKey: `vxlan ${flowText(inner)}`, ttl: { basis: "set", value: 254 }, inner };
  return { at, encapHop, outer };
}

/** What a hop expects of the packet's TTL (the outer header's, once it is encapsulated). */
export function ttlOf(p: WalkPacket): HopExpectation {
  return p.inner === undefined ? { ttl: p.ttl } : { ttl: p.ttl, outer: true };
}

/** What a hop of the packet leaving by `out` expects: its TTL, and the interface as far as
 *  the configuration names it. */
export function leaving(out: VppInterface, p: WalkPacket): HopExpectation {
  const expect = ttlOf(p);
  if (out.name !== undefined) expect.egress = out.name;
  if (out.swIfIndex !== undefined) expect.egressSwIfIndex = out.swIfIndex;
  return expect;
}

class Walker {
  private readonly segments: Segment[] = [];
  private current!: Segment;
  private count = 0;
  /** Set when a node on the way dropped the packet. */
  private ended?: Walk;

  constructor(
    private readonly network: VppNetwork,
    private readonly state: ClusterState,
    private readonly choices: NatChoices,
  ) {}

  private push(h: ExpectedHop): void {
    this.current.hops.push(h);
    if (++this.count > MAX_HOPS) throw new ForwardingLoopError(`the walk passed ${MAX_HOPS} graph nodes: a forwarding loop`);
  }

  private done(outcome: Outcome): Walk {
    return { segments: this.segments, outcome };
  }



  fromDevice(node: VppNode, iface: VppInterface, p: WalkPacket): Walk {
    this.current = { node, hops: [] };
    this.segments.push(this.current);
    const input = DEVICE_INPUT[iface.kind];
    if (input === undefined) throw new Error(`${node.name}: packets do not enter VPP by ${where(iface)}`);
    const at = where(iface);
    // NIC drivers print the frame they received; a TAP's virtio-input does not.
    const entering: HopExpectation = iface.kind === "ethernet" ? ttlOf(p) : {};
    entering.input = inputExpectation(node, iface);
    this.push(hop(input.node, at, [`${iface.name ?? "the interface"} is a ${iface.kind === "tap" ? "TAP (virtio-input; tapcli-rx before VPP 19.04)" : "NIC"}`], entering, { pattern: input.pattern }));
    // NIC drivers classify the ethertype themselves and skip ethernet-input.
    this.push(hop("ethernet-input", at, ["ethertype IPv4"], {}, { optional: iface.kind === "ethernet" }));
    return this.ip4Unicast(node, iface, p);
  }

  private ip4Unicast(node: VppNode, iface: VppInterface, packet: WalkPacket): Walk {
    const at = where(iface);
    this.push(hop(NODE.ip4Input.node, at, [`${packet.src} > ${packet.dst} enters at layer 3`], ttlOf(packet), { pattern: NODE.ip4Input.pattern }));
    let p = packet;
    const acl = attachedAcl(iface, "input");
    if (acl !== undefined && this.aclHop(node, iface, "input", "acl-plugin-in-ip4-fa", acl, p)) return this.ended!;
    const nat = natInputFeature(iface);
    if (nat !== undefined) {
      const translated = this.natInput(node, iface, nat, p);
      if (translated === undefined) return this.ended!;
      p = translated;
    }
    return this.route(node, p);
  }

  /** The ACL's hop; true when the ACL denies the packet, which is then dropped. */
  private aclHop(node: VppNode, iface: VppInterface, direction: AclDirection, name: string, acl: AclAttachment, p: WalkPacket): boolean {
    const tuple: FiveTuple = p;
    const verdict = aclVerdict(acl, this.state.acl.hit(node.name, iface.key, direction, tuple), tuple);
    if (verdict.action === 2) this.state.acl.add(node.name, iface.key, direction, tuple);
    const why = acl.attached === "unknown" ? [verdict.why, `whether this ACL is attached is not described: the hop may be absent`] : [verdict.why];
    const expect: HopExpectation = { aclActions: [verdict.action] };
    if (direction === "input") expect.input = inputExpectation(node, iface);
    else if (iface.swIfIndex !== undefined) expect.aclSwIfIndex = iface.swIfIndex;
    this.push(hop(name, where(iface), why, expect, { optional: acl.attached === "unknown" }));
    if (verdict.action !== 0) return false;
    this.dropped(node, where(iface), verdict.why);
    return true;
  }

  /** The NAT feature of an interface's input; the packet as it leaves NAT, or undefined when NAT drops it. */
  private natInput(node: VppNode, iface: VppInterface, feature: NatFeature, p: WalkPacket): WalkPacket | undefined {
    const at = where(iface);
    const stage = `${node.name} ${iface.key} input`;
    const role = iface.nat44!.why;
    if (feature === "out2in") return this.natHops(node, stage, at, [NODE.out2in, NODE.out2inSlow], [role, `${at} is NAT outside only: nat44-out2in`], out2in(node.nat44, this.state.nat, node.name, p, this.choices), p, iface);
    if (feature === "in2out") return this.natHops(node, stage, at, [NODE.in2out, NODE.in2outSlow], [role, `${at} is NAT inside: nat44-in2out`], in2out(node.nat44, this.state.nat, node.name, p), p, iface);
    const direction = classifyDirection(node.nat44, p);
    const sends = feature === "classify" ? `${at} is NAT inside and outside` : `if ${at} is NAT inside too`;
    const classify = hop(NODE.classify.node, at, [role, `${sends}, nat44-classify sends a packet to ${p.dst} to nat44-${direction} (VPP before 19.x does not trace this node)`], {}, { optional: true, pattern: NODE.classify.pattern });
    if (direction === "out2in" || feature === "classify") {
      this.push(classify);
      const decision = direction === "out2in" ? out2in(node.nat44, this.state.nat, node.name, p, this.choices) : in2out(node.nat44, this.state.nat, node.name, p);
      return this.natHops(node, stage, at, direction === "out2in" ? [NODE.out2in, NODE.out2inSlow] : [NODE.in2out, NODE.in2outSlow], [role], decision, p, iface);
    }
    // Inside or not is not described: a reply the connection's session translates can only
    // come from a service endpoint (inside); otherwise either node passes it untranslated.
    const reply = in2out(node.nat44, this.state.nat, node.name, p);
    if (reply.kind === "session") {
      this.push(classify);
      return this.natHops(node, stage, at, [NODE.in2out, NODE.in2outSlow], [role, "only a service endpoint's TAP (NAT inside) translates replies"], reply, p, iface);
    }
    const decision = out2in(node.nat44, this.state.nat, node.name, p, this.choices);
    this.push(classify);
    return this.natHops(node, stage, at, [NODE.out2inOrIn2out, NODE.eitherSlow], [role, `whether ${at} is NAT inside (a service endpoint's TAP: nat44-in2out) or outside only (nat44-out2in) is not described`], decision, p, iface);
  }

  private natHops(node: VppNode, stage: string, at: string, nodes: { node: string; pattern: string }[], why: string[], decision: NatDecision, p: WalkPacket, entered?: VppInterface): WalkPacket | undefined {
    const nat: NatExpectation = { stage, session: decision.kind === "session" ? "session" : "none" };
    const input = entered === undefined ? undefined : inputExpectation(node, entered);
    if (decision.kind === "session" && decision.identity) nat.identity = true;
    if (decision.kind === "session" && decision.translation !== undefined) {
      const t = decision.translation;
      nat.translate = { field: t.field, from: formatNatEndpoint(t.from), to: formatNatEndpoint(t.to) };
      if (t.allowed !== undefined) nat.translate.allowed = t.allowed.map(formatNatEndpoint);
    }
    // The fast path hands a packet it has no session for to the slow path; later packets
    // of a connection may be translated by the fast path alone.
    nodes.forEach((n, i) => this.push(hop(n.node, at, [...why, decision.why], input === undefined ? { nat } : { nat, input }, { pattern: n.pattern, optional: i > 0 })));
    if (decision.kind === "drop") {
      this.dropped(node, at, decision.why);
      return undefined;
    }
    if (decision.kind !== "session" || decision.translation === undefined) return p;
    const { field, to } = decision.translation;
    return field === "dst" ? { ...p, dst: to.ip, dstPort: to.port } : { ...p, src: to.ip, srcPort: to.port, srcPortKey: to.port === undefined ? `snat ${flowText(p)}` : undefined };
  }

  private dropped(node: VppNode, at: string, why: string): Walk {
    this.push(hop("ip4-drop", at, [why], {}, { optional: true }));
    this.push(hop(NODE.errorDrop.node, at, [why], { drop: why }, { pattern: NODE.errorDrop.pattern }));
    // Newer releases trace the drop twice: error-drop (`rx:<if>`), then drop (the counter).
    this.push(hop("drop", at, [why], { drop: why }, { optional: true }));
    return (this.ended = this.done({ kind: "dropped", node, why }));
  }

  private route(node: VppNode, p: WalkPacket): Walk {
    const result = fibLookup(node, p.dst);
    const fib = result.entry === undefined ? `no route to ${p.dst}: VPP's default route drops` : describeFibEntry(result.entry, node);
    this.push(hop("ip4-lookup", node.name, [fib], ttlOf(p)));
    const recursive = result.kind === "forward" && result.recursive;
    this.push(hop("ip4-load-balance", node.name, [recursive ? "the route's next hop resolves through another FIB entry (recursive): a second load-balance" : "a load-balance object of several paths is traced on its own"], ttlOf(p), { optional: true }));
    if (result.kind === "drop") return this.dropped(node, node.name, fib);
    if (result.kind === "receive") return this.local(node, result.interface, p, fib);
    return this.rewrite(node, result.interface, result.nextHop, p, fib);
  }

  /** ip4-local: a VXLAN packet from a tunnel's remote end goes into the tunnel's bridge
   *  domain; anything else is for VPP itself. */
  private local(node: VppNode, iface: VppInterface, p: WalkPacket, fib: string): Walk {
    this.push(hop("ip4-local", where(iface), [fib], ttlOf(p)));
    const tunnel = node.interfaces.find((i) => i.vxlan !== undefined && i.vxlan.src === p.dst && i.vxlan.dst === p.src && p.proto === 17 && p.dstPort === i.vxlan.port);
    if (tunnel === undefined || p.inner === undefined) {
      this.current.openEnd = true;
      return this.done({ kind: "local", node, packet: p });
    }
    const t = tunnel.vxlan!;
    this.push(hop("ip4-udp-lookup", where(iface), [`UDP port ${t.port} is VXLAN's`]));
    this.push(hop("vxlan4-input", `VXLAN tunnel from ${t.dst}`, [tunnel.why], { vni: t.vni, tunnel: { src: t.dst, dst: t.src, port: t.port } }));
    const bd = node.bridgeDomains.find((b) => b.members.includes(tunnel.key));
    const bvi = bd?.bvi === undefined ? undefined : interfaceByKey(node, bd.bvi);
    if (bd === undefined || bvi === undefined) return this.dropped(node, where(tunnel), `the tunnel from ${t.dst} is in no bridge domain with a BVI`);
    this.push(hop("l2-input", `bridge domain ${bd.id}`, [bd.why]));
    this.push(hop("l2-fwd", `bridge domain ${bd.id}`, [`the inner frame is addressed to the BVI ${where(bvi)}`]));
    return this.ip4Unicast(node, bvi, p.inner);
  }

  private rewrite(node: VppNode, out: VppInterface, nextHop: string | undefined, packet: WalkPacket, fib: string): Walk {
    const p: WalkPacket = { ...packet, ttl: decremented(packet.ttl) };
    const at = where(out);
    const neighbour = node.neighbours.find((n) => n.ip === nextHop && n.interface === out.key);
    const macs = rewriteMacs(out, nextHop, neighbour);
    const expect = leaving(out, p);
    if (nextHop !== undefined) expect.via = nextHop;
    if (macs !== undefined) expect.macs = macs;
    const hopBy = nextHop ?? "the gateway";
    const why = [fib, neighbour === undefined ? `${hopBy} is resolved by ARP on ${at}` : `${hopBy} is ${neighbour.mac ?? "resolved by ARP"} (${neighbour.why})`, "ip4-rewrite lowers the TTL by one"];
    this.push(hop("ip4-rewrite", at, why, expect));
    const acl = attachedAcl(out, "output");
    if (acl !== undefined && this.aclHop(node, out, "output", "acl-plugin-out-ip4-fa", acl, p)) return this.ended!;
    let sent = p;
    if (hasOutputNat(out)) {
      const decision = in2outOutput(node.nat44, this.state.nat, node.name, p, this.choices);
      const translated = this.natHops(node, `${node.name} ${out.key} output`, at, [NODE.in2outOutput, NODE.in2outOutputSlow], [out.nat44!.why, `${at} has NAT's output feature: nat44-in2out-output`], decision, p);
      if (translated === undefined) return this.ended!;
      sent = translated;
    }
    const onOutput = leaving(out, sent);
    if (macs !== undefined) onOutput.macs = macs;
    const output = interfaceNode(out, "output");
    this.push(hop(output.node, at, [`out of ${out.name ?? out.description}`], onOutput, { pattern: output.pattern }));
    if (out.kind === "loopback") return this.bridgeFromBvi(node, out, neighbour?.mac, sent);
    if (out.kind !== "ethernet") return this.done({ kind: "delivered", node, to: out, packet: sent });
    const tx = interfaceNode(out, "tx");
    this.push(hop(tx.node, at, ["the NIC's transmit node"], onOutput, { pattern: tx.pattern, optional: true }));
    return this.underlay(node, out, nextHop, sent);
  }

  /** Out of a NIC: to another node of the cluster when it owns the destination, else away. */
  private underlay(node: VppNode, out: VppInterface, nextHop: string | undefined, p: WalkPacket): Walk {
    const next = nodeWithAddress(this.network, p.dst);
    if (next === undefined || next.node === node) return this.done({ kind: "left", node, by: out, nextHop, packet: p });
    // Routers between the nodes may lower the outer TTL: the receiving node sees what arrived.
    return this.fromDevice(next.node, next.iface, { ...p, ttl: { basis: "arrived", value: 0 } });
  }

  private bridgeFromBvi(node: VppNode, bvi: VppInterface, dstMac: string | undefined, p: WalkPacket): Walk {
    const bd = node.bridgeDomains.find((b) => b.id === bvi.bridgeDomain?.id);
    const at = bd === undefined ? where(bvi) : `bridge domain ${bd.id}`;
    if (bd === undefined) return this.dropped(node, at, `${where(bvi)} is in no bridge domain`);
    this.push(hop("l2-input", at, [`${where(bvi)} is the BVI of bridge domain ${bd.id}`]));
    const acl = attachedAcl(bvi, "input");
    if (acl !== undefined) {
      this.push(hop("l2-input-classify", at, [`the ${acl.name} on ${where(bvi)} is also an L2 input feature of the BVI`], {}, { optional: true }));
      if (this.aclHop(node, bvi, "input", "acl-plugin-in-ip4-l2", acl, p)) return this.ended!;
    }
    const entry = dstMac === undefined ? undefined : bd.l2fib.find((e) => e.mac === dstMac);
    if (entry === undefined) return this.dropped(node, at, `no L2 FIB entry for ${dstMac ?? "the next hop's MAC"} in bridge domain ${bd.id} (learning and flooding are off)`);
    const member = interfaceByKey(node, entry.interface);
    this.push(hop("l2-fwd", at, [`l2fib ${entry.mac} → ${where(member)} (${entry.why})`]));
    this.push(hop("l2-output", at, [`out of the bridge domain by ${where(member)}`]));
    if (member.vxlan === undefined) return this.done({ kind: "delivered", node, to: member, packet: p });
    return this.encap(node, member, p);
  }

  private encap(node: VppNode, tunnel: VppInterface, inner: WalkPacket): Walk {
    const t = tunnel.vxlan!;
    const { at, encapHop, outer } = vxlanEncap(tunnel, inner);
    this.push(encapHop);
    const result = fibLookup(node, t.dst);
    const fib = result.entry === undefined ? `no route to ${t.dst}` : describeFibEntry(result.entry, node);
    this.push(hop(NODE.outerRoute.node, node.name, [`the tunnel is stacked on the route to ${t.dst}: ${fib}`], ttlOf(outer), { pattern: NODE.outerRoute.pattern }));
    if (result.kind !== "forward") return this.dropped(node, at, `no route to the tunnel's destination ${t.dst}`);
    return this.rewrite(node, result.interface, result.nextHop, outer, fib);
  }
}

export class ForwardingLoopError extends Error {}
