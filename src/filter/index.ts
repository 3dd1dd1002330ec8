/**
 * `--filter EXPR`: a pcap-filter expression (`man pcap-filter`) compiled once into a
 * predicate over a packet (and, for `verdict`, `rule` and `scenario`, its check result).
 * Terms look at what any record of the packet shows — `dst host 10.1.1.5` selects a packet
 * whose destination was translated to 10.1.1.5 by NAT as well as one sent there; `tcp port
 * 80` a TCP header with port 80 on either side. A value alone takes the qualifiers of the
 * primitive before it (`host A or B`, `tcp dst port 80 or 443`), as in pcap-filter. The
 * syntax is grammar/filter.ts.
 */
import { parseFilterSyntax, type FilterDirection, type FilterSyntax, type FilterTerm } from "../../grammar/filter.js";
import { inPrefix } from "../model/ip4.js";
import { inPrefix6 } from "../model/ip6.js";
import type { PacketResult } from "../model/findings.js";
import type { Packet } from "../model/trace.js";
import { packetFacts, type Endpoints, type PacketFacts } from "./facts.js";
import * as V from "./values.js";

export { FilterError } from "./values.js";

/** A packet as a filter sees it: its facts computed on first use. */
class Subject {
  private computed: PacketFacts | undefined;
  constructor(
    readonly packet: Packet,
    readonly result: PacketResult | undefined,
  ) {}
  get facts(): PacketFacts {
    return (this.computed ??= packetFacts(this.packet));
  }
}

type Test = (s: Subject) => boolean;

export interface PacketFilter {
  /** The expression as given. */
  text: string;
  /** A term reads the check result: the caller must check each packet before asking. */
  needsCheck: boolean;
  matches(packet: Packet, result?: PacketResult): boolean;
}

export interface FilterOptions {
  /** The rule ids `rule ID` may name (none: any). */
  ruleIds?: readonly string[];
}

const PROTOCOLS: Record<string, number> = { tcp: 6, udp: 17, icmp: 1 };
const VXLAN_PORT = 4789;
/** The types a protocol qualifier may come before, by protocol (pcap-filter's, as far as a
 *  trace shows them: ARP and IPv6 records carry no decoded addresses here). */
const QUALIFIABLE: Record<string, string[]> = { ether: ["host"], ip: ["host", "net"], ip6: ["host", "net"], tcp: ["host", "net", "port", "portrange"], udp: ["host", "net", "port", "portrange"] };
/** Terms that read the check result. */
const CHECKED = new Set(["verdict", "rule", "scenario"]);

/** Compile `text`; throws FilterError (with the column) when it is not a filter. */
export function compileFilter(text: string, options: FilterOptions = {}): PacketFilter {
  const parsed = parseFilterSyntax(text);
  if (parsed.error !== undefined) throw new V.FilterError(parsed.error.column, parsed.error.message);
  resolveImplied(parsed.syntax);
  const test = compile(parsed.syntax, options);
  return { text, needsCheck: reads(parsed.syntax), matches: (packet, result) => test(new Subject(packet, result)) };
}

function reads(syntax: FilterSyntax): boolean {
  if (syntax.kind === "term") return CHECKED.has(syntax.keyword);
  if (syntax.kind === "not") return reads(syntax.operand);
  return reads(syntax.left) || reads(syntax.right);
}

function compile(syntax: FilterSyntax, options: FilterOptions): Test {
  switch (syntax.kind) {
    case "and": {
      const [left, right] = [compile(syntax.left, options), compile(syntax.right, options)];
      return (s) => left(s) && right(s);
    }
    case "or": {
      const [left, right] = [compile(syntax.left, options), compile(syntax.right, options)];
      return (s) => left(s) || right(s);
    }
    case "not": {
      const operand = compile(syntax.operand, options);
      return (s) => !operand(s);
    }
    case "term":
      return term(syntax, options);
  }
}

/** A value alone takes the type, protocol and direction of the primitive before it, in the
 *  order written (`host A or B`, `not host A and B`); the first one alone is a host. */
function resolveImplied(syntax: FilterSyntax): void {
  let last: FilterTerm | undefined;
  const visit = (node: FilterSyntax): void => {
    if (node.kind === "not") return visit(node.operand);
    if (node.kind !== "term") {
      visit(node.left);
      visit(node.right);
      return;
    }
    if (node.implied) {
      if (last === undefined && node.direction === undefined && !V.isAddress(node.value!.text)) {
        throw new V.FilterError(node.column, `'${node.value!.text}' is neither a filter term nor an address: expected a term such as host 10.1.1.3, tcp port 80, ip, node ip4-*, or a '('`);
      }
      node.keyword = last?.keyword ?? "host";
      node.proto ??= last?.proto;
      node.direction ??= last?.direction;
    }
    if (["host", "net", "port", "portrange"].includes(node.keyword)) last = node;
  };
  visit(syntax);
}

/** Any header seen whose source (or destination, either, or both) passes `test`. */
function anyEnd<H>(direction: FilterDirection | undefined, headers: (s: Subject) => H[], test: (value: unknown) => boolean, ends: [keyof H, keyof H]): Test {
  const sides = direction === "src" ? [ends[0]] : direction === "dst" ? [ends[1]] : ends;
  if (direction === "src and dst") return (s) => headers(s).some((h) => sides.every((side) => test(h[side])));
  return (s) => headers(s).some((h) => sides.some((side) => test(h[side])));
}

/** The IP headers a qualified term looks at: those of its protocol (`tcp port 80`: TCP's;
 *  `ip host`: IPv4's, `ip6 host`: IPv6's — an IPv6 address holds a colon). */
function ipHeaders(proto: string | undefined): (s: Subject) => Endpoints[] {
  if (proto === "ip") return (s) => s.facts.headers.filter((h) => !h.src.includes(":"));
  if (proto === "ip6") return (s) => s.facts.headers.filter((h) => h.src.includes(":"));
  const number = proto === undefined ? undefined : PROTOCOLS[proto];
  return number === undefined ? (s) => s.facts.headers : (s) => s.facts.headers.filter((h) => h.proto === number);
}

function checkQualifier(t: FilterTerm): void {
  if (t.proto === undefined) return;
  if (!(QUALIFIABLE[t.proto] ?? []).includes(t.keyword)) {
    const allowed = QUALIFIABLE[t.proto];
    throw new V.FilterError(t.column, `'${t.proto} ${t.keyword}' is not a term: ${allowed === undefined ? `'${t.proto}' stands alone` : `'${t.proto}' comes before ${allowed.join(", ")}`}`);
  }
}

/** `len`, `less`, `greater`: the frame's length against a number (unknown length: no match). */
const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  "<": (a, b) => a < b, "<=": (a, b) => a <= b, ">": (a, b) => a > b, ">=": (a, b) => a >= b, "=": (a, b) => a === b, "==": (a, b) => a === b, "!=": (a, b) => a !== b,
  less: (a, b) => a <= b, greater: (a, b) => a >= b,
};

/** A protocol standing alone: whether the packet shows one of its headers or records. */
function protocolPresent(keyword: string): Test | undefined {
  switch (keyword) {
    case "tcp":
    case "udp":
    case "icmp": {
      const proto = PROTOCOLS[keyword];
      return (s) => s.facts.headers.some((h) => h.proto === proto);
    }
    case "ip":
      return (s) => s.facts.headers.some((h) => !h.src.includes(":")) || s.facts.ethers.some((e) => e.type === "IP4");
    case "ip6":
      return (s) => s.facts.headers.some((h) => h.src.includes(":")) || s.facts.ethers.some((e) => e.type === "IP6") || s.facts.nodes.some((n) => n.startsWith("ip6-"));
    case "arp":
      return (s) => s.facts.ethers.some((e) => e.type === "ARP") || s.facts.nodes.some((n) => n.startsWith("arp-"));
    case "vxlan":
      // Encapsulated or decapsulated by VPP, or a UDP header to the VXLAN port.
      return (s) => s.facts.records.some((r) => r.fields.vxlan !== undefined || r.node.startsWith("vxlan")) || s.facts.headers.some((h) => h.proto === 17 && (h.dstPort === VXLAN_PORT || h.srcPort === VXLAN_PORT));
  }
  return undefined;
}

function term(t: FilterTerm, options: FilterOptions): Test {
  const value = t.value ?? { text: "", column: t.column };
  checkQualifier(t);
  if (t.keyword === "ether") throw new V.FilterError(t.column, "'ether' needs what to match: ether host, ether src or ether dst and a MAC address");
  const present = t.value === undefined ? protocolPresent(t.keyword) : undefined;
  if (present !== undefined) return present;
  switch (t.keyword) {
    case "host": {
      if (t.proto === "ether") {
        const mac = V.mac(value);
        return anyEnd(t.direction, (s) => s.facts.ethers, (m) => m === mac, ["src", "dst"]);
      }
      const ip = V.address(value);
      return anyEnd(t.direction, ipHeaders(t.proto), (a) => a === ip, ["src", "dst"]);
    }
    case "net": {
      const prefix = t.mask === undefined ? V.prefix(value) : { v4: V.maskedPrefix(value, t.mask) };
      // An IPv6 address holds a colon, an IPv4 one never does: each is tested against its family.
      if ("v6" in prefix) return anyEnd(t.direction, ipHeaders(t.proto), (a) => (a as string).includes(":") && inPrefix6(a as string, prefix.v6), ["src", "dst"]);
      return anyEnd(t.direction, ipHeaders(t.proto), (a) => !(a as string).includes(":") && inPrefix(a as string, prefix.v4), ["src", "dst"]);
    }
    case "port": {
      const port = V.port(value);
      return anyEnd(t.direction, ipHeaders(t.proto), (p) => p === port, ["srcPort", "dstPort"]);
    }
    case "portrange": {
      const [low, high] = V.portRange(value);
      return anyEnd(t.direction, ipHeaders(t.proto), (p) => p !== undefined && (p as number) >= low && (p as number) <= high, ["srcPort", "dstPort"]);
    }
    case "len":
    case "less":
    case "greater": {
      const bytes = V.length(value);
      const compare = COMPARE[t.compare ?? t.keyword];
      if (compare === undefined) throw new V.FilterError(t.column, `'${t.compare}' is not a comparison: expected <, <=, >, >=, = or !=`);
      return (s) => s.facts.length !== undefined && compare(s.facts.length, bytes);
    }    case "tcp-flags": {
      const { names, all } = V.tcpFlags(value);
      return (s) => (all ? names.every((n) => s.facts.tcpFlags.has(n)) : names.some((n) => s.facts.tcpFlags.has(n)));
    }
    case "node": {
      const pattern = V.glob(value);
      return (s) => s.facts.nodes.some((n) => pattern.test(n));
    }
    case "thread": {
      const index = V.threadIndex(value);
      return (s) => s.facts.threads.has(index);
    }
    case "drop":
      // `error-drop`/`drop` records, and the ip4-drop kind of node that ends a dropped packet.
      return (s) => s.facts.records.some((r) => r.kind === "drop" || /-drop$/.test(r.node));
    case "nat":
      return (s) => s.facts.records.some((r) => r.kind === "nat");
    case "verdict": {
      const verdict = V.verdict(value);
      return (s) => s.result?.verdict === verdict;
    }
    case "rule": {
      const id = V.ruleId(value, options.ruleIds ?? []);
      return (s) => s.result?.findings.some((f) => f.rule === id) ?? false;
    }
    case "scenario": {
      const pattern = V.glob(value);
      return (s) => s.result?.placement !== undefined && pattern.test(s.result.placement.scenario);
    }
  }
  throw new V.FilterError(t.column, `'${t.keyword}' is not a filter term`);
}
