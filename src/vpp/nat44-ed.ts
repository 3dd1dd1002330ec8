/**
 * NAT44-ED (the `nat` plugin of VPP 21.x and later) as its nodes decide, for the walk of a
 * state dump. Sessions are endpoint-dependent and per VPP instance; every NAT node first
 * looks the packet up in the session table (its fast path) and goes to its slow path only
 * on a miss (nat44_ed_in2out.c, nat44_ed_out2in.c):
 * - nat44-ed-classify (an interface both inside and outside): a packet of a session goes
 *   the session's way; else a packet to a pool address or to a static mapping's external
 *   address:port goes out2in; anything else in2out.
 * - out2in slow path: a static mapping of the destination creates a session and translates
 *   it to a local; an identity mapping passes the packet, without a session (the lab's
 *   traces show every packet to it in the slow path); anything else passes only if NAT
 *   forwarding is on, which no `show` prints.
 * - in2out slow path (input feature): a static mapping of the source that is not
 *   out2in-only creates a session; otherwise the packet passes untranslated when it is
 *   routed to an inside interface or to one with the output feature, which translates it
 *   there (nat44_ed_not_translate); else dynamic source NAT.
 * - in2out-output slow path: an identity mapping or a source NAT already owns passes;
 *   anything else gets dynamic source NAT to a pool address — the one on the egress
 *   interface's subnet when there is one — keeping its port when it can.
 */
import { inPrefix } from "../model/ip4.js";
import { formatNatEndpoint, NotModelledError, ownedByNat, type NatChoices, type NatDecision, type NatPacket, type NatSession, type NatSessions, type Translation } from "./nat44.js";
import { PROTOCOL_NUMBER } from "../model/expectation.js";
import type { IdentityMapping, Nat44Config, StaticMapping, VppInterface } from "./types.js";

export interface EdDecision {
  /** The fast path found a session (the slow path is not traced). */
  fast: boolean;
  decision: NatDecision;
}

function bySession(s: NatSession, p: NatPacket, field: "src" | "dst"): NatDecision {
  const why = `the connection's session (${s.why})`;
  if (s.identity) return { kind: "session", identity: true, why };
  const to = field === "dst" ? s.inside : s.outside;
  const from = { ip: p[field], port: p[`${field}Port`] };
  if (from.ip === to.ip && (to.port === undefined || from.port === to.port)) return { kind: "session", identity: true, why };
  return { kind: "session", identity: false, translation: { field, from, to }, why };
}

function mappingByExternal(config: Nat44Config, p: NatPacket): StaticMapping | undefined {
  return config.staticMappings.find((m) => PROTOCOL_NUMBER[m.proto] === p.proto && m.external.ip === p.dst && m.external.port === p.dstPort);
}

function identityOf(config: Nat44Config, ip: string, p: NatPacket): IdentityMapping | undefined {
  return config.identityMappings.find((m) => m.address === ip && (m.proto === undefined || PROTOCOL_NUMBER[m.proto] === p.proto) && (m.port === undefined || m.port === p.srcPort || m.port === p.dstPort));
}

export function edClassify(config: Nat44Config, sessions: NatSessions, node: string, p: NatPacket): { next: "in2out" | "out2in"; why: string } {
  const o2i = sessions.out2in(node, p);
  if (o2i !== undefined) return { next: "out2in", why: `the packet belongs to a session (${o2i.why}) from outside` };
  const i2o = sessions.in2out(node, p);
  if (i2o !== undefined) return { next: "in2out", why: `the packet belongs to a session (${i2o.why}) from inside` };
  if (config.pool.includes(p.dst)) return { next: "out2in", why: `${p.dst} is a NAT pool address (${config.why})` };
  const mapping = mappingByExternal(config, p);
  if (mapping !== undefined) return { next: "out2in", why: `${p.dst}:${p.dstPort} is the external side of ${mapping.why}` };
  return { next: "in2out", why: `${p.dst} is no pool address and no static mapping's external address and port` };
}

export function edOut2in(config: Nat44Config, sessions: NatSessions, node: string, p: NatPacket, choices: NatChoices): EdDecision {
  const session = sessions.out2in(node, p);
  if (session !== undefined) return { fast: true, decision: bySession(session, p, "dst") };
  const mapping = mappingByExternal(config, p);
  if (mapping !== undefined) {
    const local = mapping.locals.length === 1 ? mapping.locals[0] : choices.local(mapping);
    if (local === undefined) throw new NotModelledError(`${formatNatEndpoint(mapping.external)} has ${mapping.locals.length} locals; which one served the connection is not known`);
    sessions.add(node, { proto: p.proto, inside: local, outside: mapping.external, remote: { ip: p.src, port: p.srcPort }, identity: false, why: mapping.why });
    const translation: Translation = { field: "dst", from: mapping.external, to: local };
    if (mapping.locals.length > 1) translation.allowed = mapping.locals;
    return { fast: false, decision: { kind: "session", identity: false, translation, why: `a new session from ${mapping.why}` } };
  }
  const identity = identityOf(config, p.dst, p);
  if (identity !== undefined) return { fast: false, decision: { kind: "none", why: `${identity.why}: the packet passes untranslated, without a session` } };
  if (config.forwardingUnknown === true) throw new NotModelledError(`${p.src} > ${p.dst} reaches NAT out2in with no session or mapping: it passes only if NAT forwarding is enabled, which no 'show' command prints`);
  if (config.forwarding) return { fast: false, decision: { kind: "none", why: `${p.dst} matches no session or mapping; NAT forwarding passes it untranslated` } };
  return { fast: false, decision: { kind: "drop", why: `${p.dst} matches no session or mapping and NAT forwarding is off` } };
}

/** How an in2out slow path leaves a packet it has no mapping for: the interface it is
 *  routed to decides (`egress`, undefined when the FIB does not forward it). */
export function edIn2out(config: Nat44Config, sessions: NatSessions, node: string, p: NatPacket, egress: VppInterface | undefined, choices: NatChoices): EdDecision {
  const session = sessions.in2out(node, p);
  if (session !== undefined) return { fast: true, decision: bySession(session, p, "src") };
  const mapping = config.staticMappings.find((m) => !m.out2inOnly && PROTOCOL_NUMBER[m.proto] === p.proto && m.locals.some((l) => l.ip === p.src && l.port === p.srcPort));
  if (mapping !== undefined) {
    sessions.add(node, { proto: p.proto, inside: { ip: p.src, port: p.srcPort }, outside: mapping.external, remote: { ip: p.dst, port: p.dstPort }, identity: false, why: mapping.why });
    return { fast: false, decision: { kind: "session", identity: false, translation: { field: "src", from: { ip: p.src, port: p.srcPort }, to: mapping.external }, why: `a new session from ${mapping.why}` } };
  }
  const role = egress?.nat44;
  if (egress === undefined || role === undefined || role.inside === true || role.outputFeature) {
    const where = egress === undefined ? "not forwarded" : role === undefined ? `routed to ${egress.name}, which is no NAT interface` : role.outputFeature ? `routed to ${egress.name}, whose output feature translates it` : `routed to ${egress.name}, an inside interface`;
    return { fast: false, decision: { kind: "none", why: `no session and no mapping translates the source, and the packet is ${where}: it passes untranslated` } };
  }
  return { fast: false, decision: dynamicSnat(config, sessions, node, p, egress, choices) };
}

function dynamicSnat(config: Nat44Config, sessions: NatSessions, node: string, p: NatPacket, egress: VppInterface, choices: NatChoices): NatDecision {
  const onLink = config.pool.find((a) => egress.addresses.some((x) => x.split("/")[0] === a)) ?? config.pool.find((a) => egress.addresses.some((x) => inPrefix(a, x)));
  const address = onLink ?? config.pool[0];
  if (address === undefined) return { kind: "none", why: "no address pool for dynamic source NAT" };
  const outside = { ip: address, port: choices.snatPort() ?? p.srcPort };
  sessions.add(node, { proto: p.proto, inside: { ip: p.src, port: p.srcPort }, outside, remote: { ip: p.dst, port: p.dstPort }, identity: false, why: `dynamic source NAT to ${address} out of ${egress.name}` });
  return { kind: "session", identity: false, translation: { field: "src", from: { ip: p.src, port: p.srcPort }, to: outside }, why: `dynamic source NAT to the pool address ${address}${onLink === undefined ? "" : ` on ${egress.name}'s subnet`}, keeping the port when free (${config.why})` };
}

export function edIn2outOutput(config: Nat44Config, sessions: NatSessions, node: string, p: NatPacket, egress: VppInterface, choices: NatChoices): EdDecision {
  const session = sessions.in2out(node, p);
  if (session !== undefined) return { fast: true, decision: bySession(session, p, "src") };
  const identity = identityOf(config, p.src, p);
  if (identity !== undefined) return { fast: false, decision: { kind: "none", why: `${identity.why}: the packet passes untranslated, without a session` } };
  if (ownedByNat(config, p.src)) return { fast: false, decision: { kind: "none", why: `the source ${p.src} is already an address NAT owns (translated earlier)` } };
  return { fast: false, decision: dynamicSnat(config, sessions, node, p, egress, choices) };
}
