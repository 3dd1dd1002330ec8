/**
 * Values that stand alone on a line and need no other field to be rewritten: IPv4 addresses
 * (`via 10.1.1.9`, `l3 ip4 a -> b`), MACs (`IP4: src -> dst`, l2 `dst … src …`), interface
 * names as whole tokens (`tap8`, `tap8-output`, `GigabitEthernet0/8/0 rx queue 0`), interface
 * indices (`sw_if_index N`, `tx_sw_if_index N`, `(lsb16 N)`, `lsb_of_sw_if_index N`,
 * `sw-if-index N`, `hw_if_index N`, `hw-if-index N`), VNIs (`vni N`) and the ports of
 * ip4-udp-lookup (`UDP: src-port X dst-port Y`, whose flow is the header printed before).
 */
import type { HeaderView } from "../../../src/trace/headers.js";
import { portOf } from "./headers.js";
import type { Resolved } from "./spec.js";

const IP4 = /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])/g;
const MAC = /(?<![0-9a-fA-F:])[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}(?![0-9a-fA-F:])/g;
const SW = /(?<![\w-])(tx_sw_if_index|sw_if_index:?|sw-if-index|lsb_of_sw_if_index) (\d+)/g;
const LSB16 = /\(lsb16 (\d+)\)/g;
const HW = /(?<![\w-])(hw_if_index|hw-if-index) (\d+)/g;
const VNI = /(?<![\w-])vni (\d+)/g;
const UDP_LOOKUP = /^(\s*UDP: src-port )(\d+)( dst-port )(\d+)/;

const patterns = new WeakMap<Resolved, RegExp | null>();
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Whole interface names: not part of a longer name (`tap1` in `tap11`), but `tap8-output` is tap8's. */
function interfacePattern(r: Resolved): RegExp | null {
  let p = patterns.get(r);
  if (p === undefined) {
    const names = [...r.ifaceNames].sort((a, b) => b.length - a.length).map(escape);
    p = names.length === 0 ? null : new RegExp(`(?<![\\w/.-])(?:${names.join("|")})(?=$|[\\s:,)]|-(?:output|tx)(?![\\w-]))`, "g");
    patterns.set(r, p);
  }
  return p;
}

export function rewriteTokens(r: Resolved, line: string): string {
  const iface = interfacePattern(r);
  let out = line
    .replace(IP4, (ip) => r.address(ip))
    .replace(MAC, (mac) => r.mac(mac))
    .replace(SW, (_, key: string, n: string) => `${key} ${r.sw(Number(n))}`)
    .replace(LSB16, (_, n: string) => `(lsb16 ${r.sw(Number(n)) & 0xffff})`)
    .replace(HW, (_, key: string, n: string) => `${key} ${r.hw(Number(n))}`)
    .replace(VNI, (_, n: string) => `vni ${r.vni(Number(n))}`);
  if (iface !== null) out = out.replace(iface, (name) => r.iface(name));
  return out;
}

/** `UDP: src-port 50038 dst-port 4789`: the ports of the last header printed before it. */
export function rewriteUdpLookup(r: Resolved, views: HeaderView[], position: number, line: string): string {
  const m = UDP_LOOKUP.exec(line);
  if (m === null) return line;
  const view = views.filter((v) => v.position < position && v.proto === 17).pop();
  if (view === undefined) return line;
  const flow = { src: view.src, dst: view.dst, proto: 17 };
  return line.replace(UDP_LOOKUP, (_, a: string, p: string, b: string, q: string) => `${a}${portOf(r, Number(p), "src", flow)}${b}${portOf(r, Number(q), "dst", flow)}`);
}
