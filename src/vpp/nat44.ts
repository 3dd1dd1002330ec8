/**
 * NAT44 as its nodes decide (endpoint-independent NAT, the plugin of the VPP releases the
 * packet-flow guide was captured on):
 * - nat44-out2in: a session whose outside side is the destination translates it back;
 *   an identity mapping matches without changing anything; a static mapping whose external
 *   address:port is the destination picks one of its locals (VPP load-balances; the caller
 *   says which) and creates a session; otherwise the packet passes untranslated when NAT
 *   forwarding is on (session -1) and is dropped when it is off.
 * - nat44-in2out (input feature): a session whose inside side is the source translates it
 *   (the reply of a destination-NATed connection gets its service address back); a static
 *   mapping that is not out2in-only translates the source; otherwise session -1.
 * - nat44-in2out-output (post-routing, on the interface with the output feature): a
 *   session, an identity mapping, or dynamic source NAT to a pool address — except for a
 *   packet whose source is already an address NAT owns (translated earlier, VPP-1200).
 * A session is per VPP instance; its index is a pool index the model does not predict, only
 * whether there is one (≥ 0) or not (-1).
 */
import { PROTOCOL_NUMBER } from "../model/expectation.js";
import type { Endpoint, IdentityMapping, Nat44Config, StaticMapping } from "./types.js";

/** A port the model cannot know (one dynamic NAT allocates) is undefined. */
export interface NatPacket {
  proto: number;
  src: string;
  dst: string;
  srcPort?: number;
  dstPort?: number;
}

export interface NatSession {
  proto: number;
  inside: { ip: string; port?: number };
  outside: { ip: string; port?: number };
  remote: { ip: string; port?: number };
  identity: boolean;
  why: string;
}

export interface Translation {
  field: "src" | "dst";
  from: { ip: string; port?: number };
  to: { ip: string; port?: number };
  /** Every value the configuration allows here (the locals of a service), when several. */
  allowed?: Endpoint[];
}

export type NatDecision =
  | { kind: "none"; why: string }
  | { kind: "drop"; why: string }
  | { kind: "session"; identity: boolean; translation?: Translation; why: string };

/** The caller's answer to what the configuration leaves to VPP at run time. */
export interface NatChoices {
  /** Which local a static mapping with several load-balanced to; undefined when unknown. */
  local(mapping: StaticMapping): Endpoint | undefined;
  /** The port dynamic source NAT allocated; undefined when unknown. */
  snatPort(): number | undefined;
}

const samePort = (a: number | undefined, b: number | undefined): boolean => a === undefined || b === undefined || a === b;
const sameEndpoint = (e: { ip: string; port?: number }, ip: string, port: number | undefined): boolean => e.ip === ip && samePort(e.port, port);
export const formatNatEndpoint = (e: { ip: string; port?: number }): string => `${e.ip}:${e.port ?? "*"}`;

export class UnknownChoiceError extends Error {}

/** What the model does not do (yet), said rather than walked wrongly. */
export class NotModelledError extends Error {}

/** The NAT sessions of a cluster's VPP instances. */
export class NatSessions {
  private readonly byNode = new Map<string, NatSession[]>();

  private of(node: string): NatSession[] {
    let list = this.byNode.get(node);
    if (list === undefined) this.byNode.set(node, (list = []));
    return list;
  }

  add(node: string, session: NatSession): void {
    this.of(node).push(session);
  }

  /** The session a packet going from inside to outside belongs to. */
  in2out(node: string, p: NatPacket): NatSession | undefined {
    return this.of(node).find((s) => s.proto === p.proto && sameEndpoint(s.inside, p.src, p.srcPort) && sameEndpoint(s.remote, p.dst, p.dstPort));
  }

  /** The session a packet coming from outside belongs to. */
  out2in(node: string, p: NatPacket): NatSession | undefined {
    return this.of(node).find((s) => s.proto === p.proto && sameEndpoint(s.outside, p.dst, p.dstPort) && sameEndpoint(s.remote, p.src, p.srcPort));
  }

  clone(): NatSessions {
    const copy = new NatSessions();
    for (const [node, list] of this.byNode) copy.byNode.set(node, [...list]);
    return copy;
  }
}

/** An identity mapping of the packet's `side` address (the local side: the destination
 *  for out2in, the source for in2out), as VPP looks static mappings up: one with the
 *  protocol and that side's port first, then an address-only one. */
function identityFor(config: Nat44Config, p: NatPacket, side: "src" | "dst", addressOnly: boolean): IdentityMapping | undefined {
  const address = p[side];
  const port = p[`${side}Port`];
  return config.identityMappings.find((m) => m.address === address && (addressOnly ? m.port === undefined : m.port !== undefined && m.proto !== undefined && PROTOCOL_NUMBER[m.proto] === p.proto && m.port === port));
}

/** An identity mapping as the explanation words it: its address, and the port it names or
 *  that it matches any. */
function describeIdentity(m: IdentityMapping): string {
  return m.port === undefined ? `identity mapping of ${m.address} (address only: any protocol and port)` : `identity mapping ${m.address}:${m.port} ${m.proto ?? ""}`.trimEnd();
}

function mappingByExternal(config: Nat44Config, p: NatPacket): StaticMapping | undefined {
  return config.staticMappings.find((m) => PROTOCOL_NUMBER[m.proto] === p.proto && m.external.ip === p.dst && m.external.port === p.dstPort);
}

/** Is `ip` an address NAT owns (the pool, or a mapping's external side)? */
export function ownedByNat(config: Nat44Config, ip: string): boolean {
  return config.pool.includes(ip) || config.staticMappings.some((m) => m.external.ip === ip);
}

/** nat44-classify on an interface that is both inside and outside: out2in for a packet to
 *  a pool address or to a static mapping's external address, port and protocol (identity
 *  mappings do not count), in2out for the rest. */
export function classifyDirection(config: Nat44Config, p: NatPacket): "in2out" | "out2in" {
  if (config.pool.includes(p.dst) || mappingByExternal(config, p) !== undefined) return "out2in";
  return "in2out";
}

/** What an existing session does to the packet: translate `field` to its other side. */
function bySession(session: NatSession, p: NatPacket, field: "src" | "dst", why = `existing session (${session.why})`): NatDecision {
  if (session.identity) return { kind: "session", identity: true, why };
  const to = field === "dst" ? session.inside : session.outside;
  return { kind: "session", identity: false, translation: { field, from: { ip: p[field], port: p[`${field}Port`] }, to }, why };
}

/** An identity mapping matched on the packet's `side` address: a session that changes nothing. */
function byIdentity(sessions: NatSessions, node: string, p: NatPacket, side: "src" | "dst", identity: IdentityMapping): NatDecision {
  const self = { ip: p[side], port: p[`${side}Port`] };
  const remote = side === "dst" ? { ip: p.src, port: p.srcPort } : { ip: p.dst, port: p.dstPort };
  sessions.add(node, { proto: p.proto, inside: self, outside: self, remote, identity: true, why: identity.why });
  return { kind: "session", identity: true, why: `${describeIdentity(identity)} (${identity.why})` };
}

export function out2in(config: Nat44Config, sessions: NatSessions, node: string, p: NatPacket, choices: NatChoices): NatDecision {
  const session = sessions.out2in(node, p);
  if (session !== undefined) return bySession(session, p, "dst");
  const identity = identityFor(config, p, "dst", false);
  if (identity !== undefined) return byIdentity(sessions, node, p, "dst", identity);
  const mapping = mappingByExternal(config, p);
  const addressOnly = mapping === undefined ? identityFor(config, p, "dst", true) : undefined;
  if (addressOnly !== undefined) return byIdentity(sessions, node, p, "dst", addressOnly);
  if (mapping !== undefined) {
    const local = mapping.locals.length === 1 ? mapping.locals[0] : choices.local(mapping);
    const external = formatNatEndpoint(mapping.external);
    if (local === undefined) throw new UnknownChoiceError(`${external} has ${mapping.locals.length} endpoints (${mapping.locals.map(formatNatEndpoint).join(", ")}); say which one served the connection`);
    // Contiv's mappings are self-twice-NAT: an endpoint that reaches itself through its
    // service also gets its source translated (to the node's NAT loopback), which needs
    // endpoint-dependent NAT the model does not hold.
    if (local.ip === p.src) throw new NotModelledError(`${p.src} reaches ${external}, whose chosen endpoint is itself: the self-twice-NAT that translates its source is not modelled`);
    sessions.add(node, { proto: p.proto, inside: local, outside: mapping.external, remote: { ip: p.src, port: p.srcPort }, identity: false, why: `static mapping ${external}` });
    const translation: Translation = { field: "dst", from: mapping.external, to: local };
    if (mapping.locals.length > 1) translation.allowed = mapping.locals;
    return { kind: "session", identity: false, translation, why: `static mapping ${external} → ${mapping.locals.map(formatNatEndpoint).join(" | ")} (${mapping.why})` };
  }
  if (config.forwarding) return { kind: "none", why: `${p.dst} matches no session or mapping; NAT forwarding passes it untranslated` };
  return { kind: "drop", why: `${p.dst} matches no session or mapping and NAT forwarding is off` };
}

export function in2out(config: Nat44Config, sessions: NatSessions, node: string, p: NatPacket): NatDecision {
  const session = sessions.in2out(node, p);
  if (session !== undefined) return bySession(session, p, "src", `the connection's session (${session.why}) translates the reply back`);
  const mapping = config.staticMappings.find((m) => !m.out2inOnly && PROTOCOL_NUMBER[m.proto] === p.proto && m.locals.some((l) => l.ip === p.src && l.port === p.srcPort));
  if (mapping !== undefined) {
    sessions.add(node, { proto: p.proto, inside: { ip: p.src, port: p.srcPort }, outside: mapping.external, remote: { ip: p.dst, port: p.dstPort }, identity: false, why: `static mapping ${formatNatEndpoint(mapping.external)}` });
    return { kind: "session", identity: false, translation: { field: "src", from: { ip: p.src, port: p.srcPort }, to: mapping.external }, why: `static mapping (${mapping.why})` };
  }
  return { kind: "none", why: "no session and no mapping translates the source (the service mappings are out2in-only)" };
}

export function in2outOutput(config: Nat44Config, sessions: NatSessions, node: string, p: NatPacket, choices: NatChoices): NatDecision {
  const session = sessions.in2out(node, p);
  if (session !== undefined) return bySession(session, p, "src");
  const identity = identityFor(config, p, "src", false) ?? identityFor(config, p, "src", true);
  if (identity !== undefined) return byIdentity(sessions, node, p, "src", identity);
  if (ownedByNat(config, p.src)) return { kind: "none", why: `the source ${p.src} is already an address NAT owns (translated earlier)` };
  const address = config.pool[0];
  if (address === undefined) return { kind: "none", why: "no address pool for dynamic source NAT" };
  const outside = { ip: address, port: choices.snatPort() };
  sessions.add(node, { proto: p.proto, inside: { ip: p.src, port: p.srcPort }, outside, remote: { ip: p.dst, port: p.dstPort }, identity: false, why: `dynamic source NAT to ${address}` });
  return { kind: "session", identity: false, translation: { field: "src", from: { ip: p.src, port: p.srcPort }, to: outside }, why: `dynamic source NAT to the pool address ${address} (${config.why})` };
}
