/**
 * The ACL plugin's two views of the 5-tuple it evaluated:
 *  - `pkt info` — six u64 printed %016llx in host (little-endian) order, so an IPv4 address
 *    a.b.c.d reads `dcba` (`0c01010a` is 10.1.1.12). v17.04–v18.01 (the guide's release):
 *    w1 and w3 hold src and dst in their high halves, w4 = sport | dport<<16 | proto(u16)<<32 |
 *    lsb16(sw_if_index)<<48 (`000700061f909b8c`: if 7, TCP, 8080 ← 39820), w5 = sw_if_index |
 *    mask<<32 | tcp flags<<48 | flags<<56 (bit0 tcp flags valid, bit4 IPv6). ≥ v18.04: w3 =
 *    src | dst<<32, proto a byte, l4 flags next to it, w5 starts with lc_index, IPv6 is bit3.
 *    The layout is chosen as src/trace/decoders/acl.ts chooses it (from the 5-tuple line).
 *  - the 5-tuple line `input sw_if_index 7 (lsb16 7) l3 ip4 A -> B l4 proto 6 l4_valid 1 port
 *    39820 -> 8080 tcp flags (valid) 02 rsvd 0` (and the 18.04 / 19.01 forms): ports and TCP
 *    flags here; addresses and interface indices are generic tokens (tokens.ts).
 */
import type { NodeRecord } from "../../../src/model/trace.js";
import { portOf, type SiteBase } from "./headers.js";
import type { HeaderSite, Resolved } from "./spec.js";

interface Field {
  word: number;
  shift: number;
  width: number;
}
const f = (word: number, shift: number, width: number): Field => ({ word, shift, width });
const LAYOUTS = {
  "v17.04": { src: f(1, 32, 32), dst: f(3, 32, 32), proto: f(4, 32, 16), sw: f(5, 0, 32) as Field | undefined, ip6: 0x10 },
  "v18.04": { src: f(3, 0, 32), dst: f(3, 32, 32), proto: f(4, 32, 8), sw: undefined as Field | undefined, ip6: 0x08 },
};
const SRC_PORT = f(4, 0, 16);
const DST_PORT = f(4, 16, 16);
const LSB_SW = f(4, 48, 16);
const TCP_FLAGS = f(5, 48, 8);
const FLAGS = f(5, 56, 8);

const PKT_INFO = /^(\s*pkt info )((?:[0-9a-f]{16} ?){6})(\s*)$/;
const TUPLE = /\bl3 ip4(?: non-initial fragment)? (\S+) -> (\S+) l4 (?:lsb_of_sw_if_index \d+ )?proto (\d+)/;

const get = (w: bigint[], x: Field): number => Number((w[x.word] >> BigInt(x.shift)) & ((1n << BigInt(x.width)) - 1n));
function set(w: bigint[], x: Field, v: number): void {
  const mask = ((1n << BigInt(x.width)) - 1n) << BigInt(x.shift);
  w[x.word] = (w[x.word] & ~mask) | ((BigInt(v) << BigInt(x.shift)) & mask);
}
const leToIp = (v: number): string => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24].join(".");
const ipToLe = (ip: string): number => ip.split(".").map(Number).reduceRight((acc, byte) => acc * 256 + byte, 0);

function layoutOf(record: NodeRecord, w: bigint[]): keyof typeof LAYOUTS {
  const tuple = record.fields.acl?.tuple;
  if (tuple !== undefined) return tuple.lcIndex === undefined ? "v17.04" : "v18.04";
  return w[1] !== 0n || w[3] === 0n ? "v17.04" : "v18.04";
}

function siteFor(r: Resolved, base: SiteBase, source: "acl" | "pkt-info", t: { src: string; dst: string; proto: number; srcPort: number; dstPort: number }): HeaderSite {
  const outer = t.proto === 17 && (r.isVxlanPort(t.dstPort) || r.isVxlanPort(t.srcPort));
  return { ...base, source, ...t, outer };
}

export function rewritePktInfo(r: Resolved, base: SiteBase, line: string): string {
  const m = PKT_INFO.exec(line);
  if (m === null) return line;
  const w = m[2].trim().split(" ").map((x) => BigInt(`0x${x}`));
  const layout = LAYOUTS[layoutOf(base.record, w)];
  if (get(w, FLAGS) & layout.ip6) return line;
  const t = { src: leToIp(get(w, layout.src)), dst: leToIp(get(w, layout.dst)), proto: get(w, layout.proto), srcPort: get(w, SRC_PORT), dstPort: get(w, DST_PORT) };
  set(w, layout.src, ipToLe(r.address(t.src)));
  set(w, layout.dst, ipToLe(r.address(t.dst)));
  // ICMP keeps type and code where TCP and UDP have their ports.
  if (t.proto === 6 || t.proto === 17) {
    set(w, SRC_PORT, portOf(r, t.srcPort, "src", t));
    set(w, DST_PORT, portOf(r, t.dstPort, "dst", t));
  }
  set(w, LSB_SW, r.sw(get(w, LSB_SW)) & 0xffff);
  if (layout.sw !== undefined) set(w, layout.sw, r.sw(get(w, layout.sw)));
  if (get(w, FLAGS) & 0x01 && t.proto === 6) set(w, TCP_FLAGS, r.tcpFlags(siteFor(r, base, "pkt-info", t), get(w, TCP_FLAGS)));
  return `${m[1]}${w.map((x) => x.toString(16).padStart(16, "0")).join(" ")}${m[3]}`;
}

/** Ports and TCP flags of the 5-tuple line (the flow's addresses as printed, before mapping). */
export function rewriteAclTuple(r: Resolved, base: SiteBase, line: string): string {
  const m = TUPLE.exec(line);
  if (m === null) return line;
  const flow = { src: m[1], dst: m[2], proto: Number(m[3]) };
  const ports = / port (\d+) -> (\d+) /.exec(line);
  if (ports === null || (flow.proto !== 6 && flow.proto !== 17)) return line;
  const t = { ...flow, srcPort: Number(ports[1]), dstPort: Number(ports[2]) };
  return line
    .replace(/ port (\d+) -> (\d+) /, () => ` port ${portOf(r, t.srcPort, "src", flow)} -> ${portOf(r, t.dstPort, "dst", flow)} `)
    .replace(/(tcp flags \(valid\) )([0-9a-f]{2})/, (_, head: string, flags: string) =>
      t.proto === 6 ? `${head}${r.tcpFlags(siteFor(r, base, "acl", t), parseInt(flags, 16)).toString(16).padStart(2, "0")}` : `${head}${flags}`);
}
