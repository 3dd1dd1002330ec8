/**
 * `--filter EXPR`: a pcap-filter style expression compiled once into a predicate over a
 * packet (and, for `verdict`, `rule` and `scenario`, its check result). Terms look at what
 * any record of the packet shows — `dst host 10.1.1.5` selects a packet whose destination
 * was translated to 10.1.1.5 by NAT as well as one sent there. The syntax is grammar/filter.ts.
 */
import { parseFilterSyntax, type FilterSyntax } from "../../grammar/filter.js";
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
/** Terms that read the check result. */
const CHECKED = new Set(["verdict", "rule", "scenario"]);

/** Compile `text`; throws FilterError (with the column) when it is not a filter. */
export function compileFilter(text: string, options: FilterOptions = {}): PacketFilter {
  const parsed = parseFilterSyntax(text);
  if (parsed.error !== undefined) throw new V.FilterError(parsed.error.column, parsed.error.message);
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

/** Any header seen whose source (or destination, or either) passes `test`. */
function anyEnd(direction: "src" | "dst" | undefined, test: (value: string | number | undefined, h: Endpoints) => boolean, ends: ["src", "dst"] | ["srcPort", "dstPort"]): Test {
  const sides = direction === "src" ? [ends[0]] : direction === "dst" ? [ends[1]] : ends;
  return (s) => s.facts.headers.some((h) => sides.some((side) => test(h[side as keyof Endpoints], h)));
}

function term(t: Extract<FilterSyntax, { kind: "term" }>, options: FilterOptions): Test {
  const value = t.value ?? { text: "", column: t.column };
  switch (t.keyword) {
    case "host": {
      const ip = V.address(value);
      return anyEnd(t.direction, (a) => a === ip, ["src", "dst"]);
    }
    case "net": {
      const prefix = V.prefix(value);
      // An IPv6 address holds a colon, an IPv4 one never does: each is tested against its family.
      if ("v6" in prefix) return anyEnd(t.direction, (a) => (a as string).includes(":") && inPrefix6(a as string, prefix.v6), ["src", "dst"]);
      return anyEnd(t.direction, (a) => !(a as string).includes(":") && inPrefix(a as string, prefix.v4), ["src", "dst"]);
    }
    case "port": {
      const port = V.port(value);
      return anyEnd(t.direction, (p) => p === port, ["srcPort", "dstPort"]);
    }
    case "portrange": {
      const [low, high] = V.portRange(value);
      return anyEnd(t.direction, (p) => p !== undefined && (p as number) >= low && (p as number) <= high, ["srcPort", "dstPort"]);
    }
    case "tcp":
    case "udp":
    case "icmp": {
      const proto = PROTOCOLS[t.keyword];
      return (s) => s.facts.headers.some((h) => h.proto === proto);
    }
    case "tcp-flags": {
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
