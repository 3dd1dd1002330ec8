/**
 * The packet's IPv4 header as the records print it, read for drawing: a stage shows the
 * header where it changes, a NAT stage the translation between the header before it and the
 * one after it, a VXLAN stage the outer and inner headers on either side of it. Values are
 * the trace's own; nothing here decides whether they are right (the rules did that).
 */
import { PROTOCOL_NUMBER } from "../../model/expectation.js";
import type { NodeRecord } from "../../model/trace.js";

export interface HeaderText {
  proto: string;
  src: string;
  dst: string;
  ttl?: number;
}

const PROTOCOL_NAME = new Map<number, string>(Object.entries(PROTOCOL_NUMBER).map(([name, n]) => [n, name]));
const protocolName = (n: number): string => PROTOCOL_NAME.get(n) ?? `proto ${n}`;
const endpoint = (ip: string, port: number | undefined): string => (port === undefined ? ip : `${ip}:${port}`);

/** The header a record prints: its IPv4/L4 summary, else the rewrite's hex dump, else the
 *  ACL's 5-tuple line. */
export function recordHeader(r: NodeRecord): HeaderText | undefined {
  const { ip4, l4, hexdump, acl } = r.fields;
  if (ip4) return { proto: ip4.proto, src: endpoint(ip4.src, l4?.srcPort), dst: endpoint(ip4.dst, l4?.dstPort), ttl: ip4.ttl };
  const h = hexdump?.ip4;
  if (h) return { proto: protocolName(h.protocol), src: endpoint(h.src, h.srcPort), dst: endpoint(h.dst, h.dstPort), ttl: h.ttl };
  const t = acl?.tuple;
  if (t) return { proto: protocolName(t.proto), src: endpoint(t.src, t.srcPort), dst: endpoint(t.dst, t.dstPort) };
  return undefined;
}

export const headerLine = (h: HeaderText): string => `${h.proto} ${h.src} → ${h.dst}`;

/** Each record's header, and for each record the nearest header printed before and after it. */
export interface PacketHeaders {
  at: (HeaderText | undefined)[];
  before: (i: number) => HeaderText | undefined;
  after: (i: number) => HeaderText | undefined;
}

export function packetHeaders(records: NodeRecord[]): PacketHeaders {
  const at = records.map(recordHeader);
  const nearest = (i: number, step: 1 | -1): HeaderText | undefined => {
    for (let k = i + step; k >= 0 && k < at.length; k += step) if (at[k] !== undefined) return at[k];
    return undefined;
  };
  return { at, before: (i) => nearest(i, -1), after: (i) => nearest(i, 1) };
}

/** `dst 10.97.193.160:80 → 10.1.2.4:8080`: what a NAT stage changed, field by field; empty
 *  when the headers around it agree (or one of them is not printed). */
export function translation(before: HeaderText | undefined, after: HeaderText | undefined): string[] {
  if (before === undefined || after === undefined) return [];
  const changed: string[] = [];
  if (before.src !== after.src) changed.push(`src ${before.src} → ${after.src}`);
  if (before.dst !== after.dst) changed.push(`dst ${before.dst} → ${after.dst}`);
  return changed;
}

/** Every address a packet's records print, for the report's address filter. */
export function packetAddresses(records: NodeRecord[]): string[] {
  const seen = new Set<string>();
  for (const h of records.map(recordHeader)) {
    if (h === undefined) continue;
    seen.add(h.src.split(":")[0]).add(h.dst.split(":")[0]);
  }
  return [...seen];
}
