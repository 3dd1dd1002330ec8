/**
 * One realistic change to a capture, built on the rewriter so that every checksum and
 * encoding stays consistent: the invariant rules see nothing, only a rule that knows what
 * the cluster expects can tell. Each builder takes a guide sample's file name (with or
 * without `.txt`) or a trace's text (so they compose: `withVni(renumberedSample(s), 5)`) and
 * throws when the capture has nothing to change (no VXLAN in it, no NAT translation…).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { NodeRecord, Packet } from "../../src/model/trace.js";
import { headerViews, type HeaderView } from "../../src/trace/headers.js";
import { parseTrace } from "../../src/trace/index.js";
import { samplesDir } from "../helpers.js";
import { rewriteTrace, type RewriteSpec } from "./rewrite-trace.js";

const VXLAN_PORTS = [4789, 8472];
const isOuter = (v: Pick<HeaderView, "proto" | "srcPort" | "dstPort">): boolean =>
  v.proto === 17 && (VXLAN_PORTS.includes(v.dstPort ?? -1) || VXLAN_PORTS.includes(v.srcPort ?? -1));

/** A sample's text by file name, or the argument itself when it is already a trace. */
export const traceText = (sample: string): string =>
  sample.includes("\n") ? sample : readFileSync(join(samplesDir, sample.endsWith(".txt") ? sample : `${sample}.txt`), "utf8");

function packetsOf(text: string): { packet: Packet; views: HeaderView[] }[] {
  return parseTrace(text, { file: "fault" }).packets.map((packet) => ({ packet, views: headerViews(packet) }));
}

/** A change per packet (keyed by the packet's index), from what each packet shows. */
function perPacket(text: string, what: string, delta: (views: HeaderView[]) => number | undefined): Map<number, number> {
  const deltas = new Map<number, number>();
  for (const { packet, views } of packetsOf(text)) {
    const d = delta(views);
    if (d !== undefined) deltas.set(packet.index, d);
  }
  if (deltas.size === 0) throw new Error(`fault: ${what}`);
  return deltas;
}

/** The pod (or host) sent the packet with TTL `ttl` instead of the one the capture shows
 *  (64 in the guide): every TTL of the inner packet moves by the difference, wherever shown. */
export function withInnerTtl(sample: string, ttl: number): string {
  const text = traceText(sample);
  const deltas = perPacket(text, "no IPv4 packet outside a VXLAN tunnel in this capture", (views) => {
    const inner = views.filter((v) => !isOuter(v) && v.ttl !== undefined);
    if (inner.length === 0) return undefined;
    // Captured after the tunnel (the server's node): one node already lowered it.
    const entered = inner[0].ttl! + (views[0] !== undefined && isOuter(views[0]) ? 1 : 0);
    return ttl - entered;
  });
  return rewriteTrace(text, { ttl: (h, t) => (h.outer ? t : t + (deltas.get(h.packet.index) ?? 0)) });
}

/** The VXLAN packet reached this node with outer TTL `ttl` (e.g. 252 over a routed underlay
 *  instead of 253): every print of the outer header on the receiving node moves. */
export function withOuterArrivalTtl(sample: string, ttl: number): string {
  const text = traceText(sample);
  const deltas = perPacket(text, "not a capture of a VXLAN packet arriving at a node", (views) =>
    views[0] !== undefined && isOuter(views[0]) && views[0].ttl !== undefined ? ttl - views[0].ttl : undefined);
  return rewriteTrace(text, { ttl: (h, t) => (h.outer ? t + (deltas.get(h.packet.index) ?? 0) : t) });
}

function vxlanRecords(text: string): NodeRecord[] {
  const records = packetsOf(text).flatMap(({ packet }) => packet.records.filter((r) => r.fields.vxlan !== undefined));
  if (records.length === 0) throw new Error("fault: no VXLAN in this capture");
  return records;
}

/** The tunnel carries VNI `vni` (in the vxlan4 records and the VXLAN header of the dump). */
export function withVni(sample: string, vni: number): string {
  const text = traceText(sample);
  const vnis = new Set(vxlanRecords(text).map((r) => r.fields.vxlan!.vni!));
  return rewriteTrace(text, { vni: new Map([...vnis].map((v) => [v, vni])) });
}

/** VXLAN on UDP port `port` (e.g. 8472, Linux's default) instead of the one the capture
 *  uses (4789): the outer headers' destination port, wherever shown. Later rewrites of the
 *  result read a port other than 4789 and 8472 as VXLAN only if their `vxlanPorts` say so. */
export function withVxlanPort(sample: string, port: number): string {
  const text = traceText(sample);
  vxlanRecords(text);
  const used = new Set(packetsOf(text).flatMap(({ views }) => views.filter(isOuter).map((v) => v.dstPort!)));
  return rewriteTrace(text, { ports: new Map([...used].map((p) => [p, port])) });
}

const macAt = (hex: string, byte: number): string => hex.slice(byte * 2, byte * 2 + 12).match(/../g)!.join(":");

/** The sending node encapsulated towards another node: outer destination `nodeIp`, loop0
 *  next hop `loop0.ip` with MAC `loop0.mac`, and that node's GbE MAC (`gbeMac`, or one made
 *  up from `nodeIp`). Only for captures of the tunnel's sending node. */
export function withVxlanPeer(sample: string, nodeIp: string, loop0: { ip: string; mac: string }, gbeMac?: string): string {
  const text = traceText(sample);
  const spec = { addresses: new Map<string, string>(), macs: new Map<string, string>() };
  for (const { packet, views } of packetsOf(text)) {
    const encap = packet.records.findIndex((r) => r.fields.vxlan?.direction === "encap");
    if (encap === -1) continue;
    const inner = packet.records.slice(0, encap).filter((r) => r.fields.rewrite?.via !== undefined).pop();
    const outer = packet.records.slice(encap).find((r) => r.fields.rewrite?.via !== undefined);
    const outerView = views.find((v) => v.position > encap && isOuter(v));
    if (inner === undefined || outer === undefined || outerView === undefined) throw new Error("fault: the encapsulation is not all in this capture");
    spec.addresses.set(outerView.dst, nodeIp).set(inner.fields.rewrite!.via!, loop0.ip);
    spec.macs.set(macAt(inner.fields.rewrite!.rewrite!, 0), loop0.mac);
    const octets = nodeIp.split(".").map((n) => Number(n).toString(16).padStart(2, "0"));
    spec.macs.set(macAt(outer.fields.rewrite!.rewrite!, 0), gbeMac ?? `52:54:00:${octets.slice(1).join(":")}`);
  }
  if (spec.addresses.size === 0) throw new Error("fault: not a capture of the tunnel's sending node (no vxlan4-encap)");
  return rewriteTrace(text, spec);
}

export interface NewEndpoint {
  ip: string;
  port?: number;
  /** The new endpoint's TAP, its sw_if_index (= hw_if_index) and VPP's MAC on it, where the
   *  capture shows the old endpoint's TAP (the request leaving by it, the response entering). */
  tap?: string;
  swIfIndex?: number;
  mac?: string;
}

interface OldEndpoint {
  ip: string;
  port: number;
  /** Taken from the request's egress rewrite or the response's input records. */
  tap?: string;
  swIfIndex?: number;
  hwIfIndex?: number;
  mac?: string;
}

/** Where NAT translated a service VIP: the endpoint after it (request) or before it (response). */
function translatedEndpoint(packet: Packet, views: HeaderView[]): OldEndpoint | undefined {
  for (const [position, record] of packet.records.entries()) {
    if ((record.fields.nat?.session ?? -1) < 0) continue;
    const before = views.filter((v) => v.position < position).pop();
    const after = views.find((v) => v.position > position);
    if (before === undefined || after === undefined || isOuter(before)) continue;
    if (before.dst !== after.dst) return egressOf(packet, { ip: after.dst, port: after.dstPort! });
    if (before.src !== after.src) return ingressOf(packet, { ip: before.src, port: before.srcPort! });
  }
  return undefined;
}

function egressOf(packet: Packet, old: OldEndpoint): OldEndpoint {
  const rewrite = packet.records.find((r) => r.fields.rewrite?.via === old.ip)?.fields.rewrite;
  if (rewrite?.rewrite === undefined) return old;
  return { ...old, tap: rewrite.interface, swIfIndex: rewrite.txSwIfIndex, hwIfIndex: rewrite.txSwIfIndex, mac: macAt(rewrite.rewrite, 6) };
}

function ingressOf(packet: Packet, old: OldEndpoint): OldEndpoint {
  const input = packet.records.find((r) => r.fields.input !== undefined)?.fields.input;
  const acl = packet.records.find((r) => r.fields.acl?.direction === "in")?.fields.acl;
  const ether = packet.records.find((r) => r.fields.ether !== undefined)?.fields.ether;
  return { ...old, hwIfIndex: input?.hwIfIndex, swIfIndex: acl?.swIfIndex, mac: ether?.dst };
}

function endpointSpec(old: OldEndpoint, to: NewEndpoint): RewriteSpec {
  const port = to.port ?? old.port;
  const spec: RewriteSpec = {
    addresses: { [old.ip]: to.ip },
    ports: (p, at) => ((at.role === "dst" ? at.dst : at.src) === old.ip && p === old.port ? port : p),
  };
  const need = (have: unknown, what: string): void => {
    if (have === undefined) throw new Error(`fault: this capture does not show the old endpoint's ${what}`);
  };
  if (to.tap !== undefined) need(old.tap, "TAP");
  if (to.swIfIndex !== undefined) need(old.swIfIndex, "sw_if_index");
  if (to.mac !== undefined) need(old.mac, "TAP MAC");
  if (to.tap !== undefined && old.tap !== undefined) spec.interfaces = { [old.tap]: to.tap };
  if (to.swIfIndex !== undefined && old.swIfIndex !== undefined) spec.swIfIndex = new Map([[old.swIfIndex, to.swIfIndex]]);
  if (to.swIfIndex !== undefined && old.hwIfIndex !== undefined) spec.hwIfIndex = new Map([[old.hwIfIndex, to.swIfIndex]]);
  if (to.mac !== undefined && old.mac !== undefined) spec.macs = { [old.mac]: to.mac };
  return spec;
}

/** NAT translated the service VIP to `to` (a pod that is none of the service's endpoints)
 *  instead of the endpoint the capture shows: the addresses and port on the endpoint's side
 *  of the NAT node change, and with `tap`/`swIfIndex`/`mac` the TAP the packet uses.
 *  `from` ("ip:port") names the old endpoint where the capture shows no translation (the
 *  server's node of a cross-node service). */
export function withDnatEndpoint(sample: string, to: NewEndpoint, from?: string): string {
  const text = traceText(sample);
  const packets = packetsOf(text);
  const given = from === undefined ? undefined : { ip: from.split(":")[0], port: Number(from.split(":")[1]) };
  const old = packets.map(({ packet, views }) => (given === undefined ? translatedEndpoint(packet, views) : egressOf(packet, given))).find((e) => e !== undefined);
  if (old === undefined) throw new Error("fault: no NAT translation of a service in this capture; name the old endpoint");
  return rewriteTrace(text, endpointSpec(old, to));
}

const FLAG_BITS: Record<string, number> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80 };

/** Every TCP header of the capture carries `flags` (a byte, or names: "ACK", "SYN ACK"). */
export function withTcpFlags(sample: string, flags: number | string): string {
  const text = traceText(sample);
  const names = typeof flags === "number" ? [] : flags.toUpperCase().split(/[\s,|+]+/).filter((n) => n !== "");
  const byte = typeof flags === "number" ? flags : names.reduce((b, name) => b | (FLAG_BITS[name] ?? 0), 0);
  if (!Number.isInteger(byte) || byte < 0 || byte > 255 || names.some((n) => !(n in FLAG_BITS))) throw new Error(`fault: TCP flags '${flags}'`);
  if (!packetsOf(text).some(({ views }) => views.some((v) => v.proto === 6))) throw new Error("fault: no TCP in this capture");
  return rewriteTrace(text, { tcpFlags: () => byte });
}
