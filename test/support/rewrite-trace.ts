/**
 * Test support: rewrite a real `show trace` consistently — renumber a capture into another
 * cluster, or give it one realistic fault — and return *text*, byte for byte the input
 * wherever nothing had to change (same lines, same layout; only the values move).
 *
 *   rewriteTrace(text, spec): string
 *
 * The spec (every part optional; a value a map does not name stays as it is):
 *  - `addresses` (Map or Record, IPv4 → IPv4): everywhere an address appears — IPv4
 *    summaries (`TCP: a -> b`), ACL 5-tuple lines (`l3 ip4 a -> b`), ACL `pkt info` words
 *    (little-endian per 32-bit half: `0c01010a` is 10.1.1.12), `via a`, the IPv4 header
 *    inside hex dumps, any other dotted quad of a record.
 *  - `ports` (Record, or `(port, {role, src, dst, proto}) => port` with the flow's original
 *    addresses): TCP/UDP summaries, ACL `port x -> y`, pkt info's ports word, ip4-udp-lookup,
 *    the L4 header in hex dumps.
 *  - `macs` (MAC → MAC): `IP4: src -> dst`, rewrite strings (dst MAC + src MAC + ethertype),
 *    dumps' Ethernet header and the VXLAN inner Ethernet header (whose source MAC the dump
 *    cuts after 4 bytes: mapped by prefix, an ambiguous prefix throws), l2-* lines.
 *  - `interfaces` (name → name): whole tokens, so node names follow (`tap8-output`).
 *  - `swIfIndex`, `hwIfIndex` (number → number): `sw_if_index N`, `tx_sw_if_index N`,
 *    `(lsb16 N)`, `lsb_of_sw_if_index N`, pkt info's sw_if_index fields; `hw_if_index N`.
 *  - `vni` (number → number): `vni N` and the VXLAN header in dumps.
 *  - `ttl(header, ttl)`, `tcpFlags(header, flags)`: called with every place a TTL (summary,
 *    dump, l2-output `data`) or TCP flags byte (summary, dump, ACL line, pkt info) is shown,
 *    and the header's *original* values (src, dst, proto, ports, IP id, `outer` for VXLAN's
 *    outer header, where it is shown). `shiftTtl(which, delta)` builds the usual one.
 *  - `where(record, packet)`: only the records it accepts are rewritten (e.g. "after NAT").
 *  - `vxlanPorts` (default 4789 and 8472): UDP ports whose payload is read as VXLAN.
 *  - `literal`: `{from, to, line?}` edits on the finished text, a last resort (no checksum
 *    follows them); each must match.
 * Then every checksum follows: printed IPv4 checksums and those in dumps exactly as
 * ip4-checksum recomputes them (a ` (should be 0x…)` flag stays as wrong as it was), TCP/UDP
 * checksums by RFC 1624 for the pseudo-header, ports and flags (UDP checksum 0 stays 0).
 * Fields are located with `parseTrace` (records and their lines); lines outside records
 * (captions, banners) are left alone. A map-only spec has an inverse: `invertSpec(spec)`.
 *
 * Example — the guide's same-node SYN, client and server pods renumbered:
 *   rewriteTrace(text, { addresses: { "10.1.1.12": "10.64.3.21", "10.1.1.9": "10.64.3.17" },
 *     ports: { 8080: 9376 }, interfaces: { tap8: "tap17" }, swIfIndex: { 11: 6 } })
 */
import type { NodeRecord, Packet } from "../../src/model/trace.js";
import { headerViews } from "../../src/trace/headers.js";
import { parseTrace } from "../../src/trace/index.js";
import { rewriteAclTuple, rewritePktInfo } from "./rewrite/acl.js";
import { rewriteHexDump, rewriteL2Data, rewriteRewriteString } from "./rewrite/bytes.js";
import type { SiteBase } from "./rewrite/headers.js";
import { rewritePrintBlock } from "./rewrite/prints.js";
import { resolveSpec, type HeaderSite, type LiteralEdit, type Resolved, type RewriteSpec } from "./rewrite/spec.js";
import { rewriteTokens, rewriteUdpLookup } from "./rewrite/tokens.js";

export { invertSpec, type HeaderSite, type LiteralEdit, type Mapping, type PortSite, type RewriteSpec } from "./rewrite/spec.js";
export { tcpFlagNames } from "./rewrite/prints.js";

/** A TTL function adding `delta` wherever `which` holds (e.g. the inner packet, or VXLAN's outer header). */
export const shiftTtl = (which: (header: HeaderSite) => boolean, delta: number) => (header: HeaderSite, ttl: number): number =>
  which(header) ? ttl + delta : ttl;

/** The lines of record `position`: from its first line to the next record's (or its own last). */
function recordLines(packet: Packet, position: number): [number, number] {
  const record = packet.records[position];
  const next = packet.records[position + 1];
  const from = record.line - 1;
  return [from, next !== undefined && next.line - 1 > from ? next.line - 1 : from + record.raw.length];
}

function rewriteLine(r: Resolved, base: SiteBase, views: ReturnType<typeof headerViews>, position: number, line: string): string {
  if (/^\s*pkt info /.test(line)) return rewritePktInfo(r, base, line);
  let out = line;
  if (/\bl3 ip4 /.test(out)) out = rewriteAclTuple(r, base, out);
  if (/^\s*UDP: src-port /.test(out)) out = rewriteUdpLookup(r, views, position, out);
  if (/ data(?: [0-9a-f]{2})+\s*$/.test(out)) out = rewriteL2Data(r, base, views, position, out);
  if (/\svia \S+ /.test(out)) out = rewriteRewriteString(r, out);
  return rewriteTokens(r, out);
}

function rewriteRecord(r: Resolved, lines: string[], packet: Packet, position: number, views: ReturnType<typeof headerViews>): void {
  const record: NodeRecord = packet.records[position];
  const base: SiteBase = { source: "print", record, packet };
  const [from, to] = recordLines(packet, position);
  for (let i = from; i < to && i < lines.length; ) {
    const block = rewritePrintBlock(r, base, lines, i, to);
    const dump = block === 0 ? rewriteHexDump(r, { ...base, source: "hexdump" }, lines, i, to) : 0;
    if (block + dump > 0) {
      i += block + dump;
      continue;
    }
    lines[i] = rewriteLine(r, base, views, position, lines[i]);
    i++;
  }
}

function applyLiteral(text: string, edit: LiteralEdit): string {
  const from = typeof edit.from === "string" ? new RegExp(edit.from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g") : edit.from;
  const hit = (s: string): boolean => new RegExp(from.source, from.flags.replace("g", "")).test(s);
  if (edit.line === undefined) {
    if (!hit(text)) throw new Error(`rewrite: literal edit '${String(edit.from)}' matches nothing`);
    return text.replace(from, edit.to);
  }
  const lines = text.split("\n");
  if (!hit(lines[edit.line - 1] ?? "")) throw new Error(`rewrite: literal edit '${String(edit.from)}' matches nothing on line ${edit.line}`);
  lines[edit.line - 1] = lines[edit.line - 1].replace(from, edit.to);
  return lines.join("\n");
}

export function rewriteTrace(text: string, spec: RewriteSpec): string {
  const r = resolveSpec(spec);
  const raw = text.split("\n");
  // CR of CRLF input is kept aside and put back: no pattern has to know about it.
  const cr = raw.map((line) => line.endsWith("\r"));
  const lines = raw.map((line, i) => (cr[i] ? line.slice(0, -1) : line));
  for (const packet of parseTrace(text, { file: "rewrite" }).packets) {
    const views = headerViews(packet);
    packet.records.forEach((record, position) => {
      if (r.where(record, packet)) rewriteRecord(r, lines, packet, position, views);
    });
  }
  const out = lines.map((line, i) => (cr[i] ? `${line}\r` : line)).join("\n");
  return r.literal.reduce(applyLiteral, out);
}
