/**
 * The rewrite spec (documented in ../rewrite-trace.ts) and its resolved form: every map turned
 * into a function that returns its argument unchanged when the map does not name it, with the
 * maps checked once (addresses are dotted quads, MACs six bytes, ports and TTLs in range).
 */
import type { NodeRecord, Packet } from "../../../src/model/trace.js";

/** A map given as a `Map` or as a plain object; keys not in it are left as they are. */
export type Mapping<K extends string | number> = ReadonlyMap<K, K> | Readonly<Record<K, K>>;

/** Where a header (or the part of one that a line shows) was printed, with its *original* values. */
export interface HeaderSite {
  src: string;
  dst: string;
  proto: number;
  srcPort?: number;
  dstPort?: number;
  fragmentId?: number;
  /** A UDP header to or from a VXLAN port (`vxlanPorts`): the tunnel's outer header. */
  outer: boolean;
  /** What shows it: an IPv4 summary, an ip4-rewrite hex dump, l2-output's `data` bytes,
   *  an ACL 5-tuple line or its `pkt info` words. */
  source: "print" | "hexdump" | "l2-data" | "acl" | "pkt-info";
  record: NodeRecord;
  packet: Packet;
}

/** The flow a port belongs to (original values) and which end of it the port is. */
export interface PortSite {
  role: "src" | "dst";
  src: string;
  dst: string;
  proto: number;
}

export interface LiteralEdit {
  from: string | RegExp;
  to: string;
  /** Only on this 1-based line. */
  line?: number;
}

export interface RewriteSpec {
  addresses?: Mapping<string>;
  ports?: Mapping<number> | ((port: number, at: PortSite) => number);
  macs?: Mapping<string>;
  interfaces?: Mapping<string>;
  swIfIndex?: Mapping<number>;
  hwIfIndex?: Mapping<number>;
  vni?: Mapping<number>;
  ttl?: (header: HeaderSite, ttl: number) => number;
  tcpFlags?: (header: HeaderSite, flags: number) => number;
  /** Only records for which this holds are rewritten (default: all). */
  where?: (record: NodeRecord, packet: Packet) => boolean;
  /** UDP ports that carry VXLAN (original values): VNI and inner MACs in hex dumps, `outer` in sites. */
  vxlanPorts?: number[];
  /** Last resort, applied to the finished text; each must match at least once. */
  literal?: LiteralEdit[];
}

export interface Resolved {
  address(ip: string): string;
  mac(mac: string): string;
  /** A MAC the dump cut off after `hex.length / 2` bytes, mapped by that prefix. */
  macPrefix(hex: string): string;
  iface(name: string): string;
  ifaceNames: string[];
  sw(n: number): number;
  hw(n: number): number;
  vni(n: number): number;
  port(port: number, at: PortSite): number;
  ttl(site: HeaderSite, ttl: number): number;
  /** The spec changes TTLs (so every TTL must be attributed to its header). */
  hasTtl: boolean;
  tcpFlags(site: HeaderSite, flags: number): number;
  where(record: NodeRecord, packet: Packet): boolean;
  isVxlanPort(port: number | undefined): boolean;
  literal: LiteralEdit[];
}

const IP4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
const MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

const pairs = <K extends string | number>(m: Mapping<K> | undefined): [K, K][] =>
  m === undefined ? [] : m instanceof Map ? [...m.entries()] : (Object.entries(m) as [K, K][]);
const stringPairs = (m: Mapping<string> | undefined): [string, string][] => pairs(m);
/** Plain objects have string keys: `{ 80: 8000 }` is `{"80": 8000}`. */
const numberPairs = (m: Mapping<number> | undefined): [number, number][] => pairs(m).map(([k, v]) => [Number(k), Number(v)]);

function lookup<K extends string | number>(table: [K, K][], what: string, valid: (k: K) => boolean, norm: (k: K) => K = (k) => k): (k: K) => K {
  const map = new Map<K, K>();
  for (const [from, to] of table) {
    if (!valid(norm(from)) || !valid(norm(to))) throw new Error(`rewrite spec: invalid ${what} mapping ${String(from)} → ${String(to)}`);
    map.set(norm(from), norm(to));
  }
  return (k) => map.get(norm(k)) ?? k;
}

const upTo = (max: number) => (k: number): boolean => Number.isInteger(k) && k >= 0 && k <= max;

function checked(what: string, max: number, f: (site: HeaderSite, v: number) => number): (site: HeaderSite, v: number) => number {
  return (site, v) => {
    const out = f(site, v);
    if (!Number.isInteger(out) || out < 0 || out > max) throw new Error(`rewrite spec: ${what} ${v} at ${site.record.node} (line ${site.record.line}) became ${out}`);
    return out;
  };
}

export function resolveSpec(spec: RewriteSpec): Resolved {
  const lower = (s: string): string => s.toLowerCase();
  const macs = stringPairs(spec.macs).map(([k, v]) => [lower(k).replace(/:/g, ""), lower(v).replace(/:/g, "")]);
  const ports = spec.ports;
  const portMap = typeof ports === "function" ? undefined : lookup(numberPairs(ports), "port", upTo(0xffff));
  const vxlanPorts = new Set(spec.vxlanPorts ?? [4789, 8472]);
  return {
    address: lookup(stringPairs(spec.addresses), "address", (k) => IP4.test(k)),
    mac: lookup(stringPairs(spec.macs), "MAC", (k) => MAC.test(k), lower),
    macPrefix(hex) {
      const found = new Set(macs.filter(([k]) => k.startsWith(hex)).map(([, v]) => v.slice(0, hex.length)));
      if (found.size > 1) throw new Error(`rewrite spec: the cut MAC ${hex}… could be any of ${[...found].join(", ")}`);
      return found.size === 1 ? [...found][0] : hex;
    },
    iface: lookup(stringPairs(spec.interfaces), "interface", (k) => /^\S+$/.test(k)),
    ifaceNames: stringPairs(spec.interfaces).map(([k]) => k),
    sw: lookup(numberPairs(spec.swIfIndex), "sw_if_index", upTo(0xffffffff)),
    hw: lookup(numberPairs(spec.hwIfIndex), "hw_if_index", upTo(0xffffffff)),
    vni: lookup(numberPairs(spec.vni), "VNI", upTo(0xffffff)),
    port: typeof ports === "function" ? (p, at) => ports(p, at) : (p) => portMap!(p),
    ttl: checked("TTL", 255, spec.ttl ?? ((_, t) => t)),
    hasTtl: spec.ttl !== undefined,
    tcpFlags: checked("TCP flags", 255, spec.tcpFlags ?? ((_, f) => f)),
    where: spec.where ?? (() => true),
    isVxlanPort: (p) => p !== undefined && vxlanPorts.has(p),
    literal: spec.literal ?? [],
  };
}

/** The spec that undoes `spec`: every map reversed. Functions (ttl, tcpFlags, a ports
 *  function, where) and literal edits cannot be reversed and are refused; so is a map that
 *  is not one-to-one. The round trip is exact only if no value a map produces was already
 *  in the text unmapped (the tests check it for the renumbered cluster). */
export function invertSpec(spec: RewriteSpec): RewriteSpec {
  if (spec.ttl || spec.tcpFlags || spec.where || typeof spec.ports === "function" || spec.literal?.length) {
    throw new Error("invertSpec: only a spec made of maps can be inverted");
  }
  const invert = <K extends string | number>(table: [K, K][], what: string): Map<K, K> => {
    const out = new Map<K, K>();
    for (const [k, v] of table) {
      if (out.has(v)) throw new Error(`invertSpec: two ${what} map to ${String(v)}`);
      out.set(v, k);
    }
    return out;
  };
  const ports = numberPairs(spec.ports as Mapping<number> | undefined);
  const forward = new Map(ports);
  return {
    addresses: invert(stringPairs(spec.addresses), "addresses"),
    ports: invert(ports, "ports"),
    macs: invert(stringPairs(spec.macs).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]), "MACs"),
    interfaces: invert(stringPairs(spec.interfaces), "interfaces"),
    swIfIndex: invert(numberPairs(spec.swIfIndex), "sw_if_index values"),
    hwIfIndex: invert(numberPairs(spec.hwIfIndex), "hw_if_index values"),
    vni: invert(numberPairs(spec.vni), "VNIs"),
    // The VXLAN ports as the rewritten text has them.
    vxlanPorts: (spec.vxlanPorts ?? [4789, 8472]).map((p) => forward.get(p) ?? p),
  };
}
