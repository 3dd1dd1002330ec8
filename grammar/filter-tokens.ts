/**
 * The token table of the `--filter` expression language (pcap-filter style): its own small
 * lexer, apart from the `show trace` tokens of tokens.ts. Keywords are whole words: `hostname`
 * is a value, not `host` followed by `name`.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

/** A value: an address, a CIDR, a number, a range, a glob, a name. Anything up to a blank or
 *  a parenthesis, not starting with `!` (which negates). */
export const Word = createToken({ name: "Word", pattern: /[^\s()!][^\s()]*/ });

const keyword = (name: string, word: string): TokenType => createToken({ name, pattern: new RegExp(`${word.replace("-", "\\-")}(?![^\\s()])`), longer_alt: Word });

export const And = createToken({ name: "And", pattern: /and(?![^\s()])|&&/, longer_alt: Word });
export const Or = createToken({ name: "Or", pattern: /or(?![^\s()])|\|\|/, longer_alt: Word });
export const Not = createToken({ name: "Not", pattern: /not(?![^\s()])|!/, longer_alt: Word });
/** `len <= 100`: a comparison, before `!` and before a value could take it. */
export const Compare = createToken({ name: "Compare", pattern: /<=|>=|==|!=|<|>|=/ });
export const LParen = createToken({ name: "LParen", pattern: /\(/ });
export const RParen = createToken({ name: "RParen", pattern: /\)/ });
export const Blank = createToken({ name: "Blank", pattern: /\s+/, group: Lexer.SKIPPED });

export const Src = keyword("Src", "src");
export const Dst = keyword("Dst", "dst");
/** Terms that take a value, by their keyword. */
export const Host = keyword("Host", "host");
export const Net = keyword("Net", "net");
export const Port = keyword("Port", "port");
export const PortRange = keyword("PortRange", "portrange");
export const TcpFlags = keyword("TcpFlags", "tcp-flags");
export const NodeWord = keyword("NodeWord", "node");
export const Thread = keyword("Thread", "thread");
export const Verdict = keyword("Verdict", "verdict");
export const Rule = keyword("Rule", "rule");
export const Scenario = keyword("Scenario", "scenario");
/** Terms that stand alone. */
export const Tcp = keyword("Tcp", "tcp");
export const Udp = keyword("Udp", "udp");
export const Icmp = keyword("Icmp", "icmp");
export const Drop = keyword("Drop", "drop");
export const Nat = keyword("Nat", "nat");
/** Protocol qualifiers that are also terms of their own (`ip`, `not arp`). */
export const Ether = keyword("Ether", "ether");
export const Ip = keyword("Ip", "ip");
export const Ip6 = keyword("Ip6", "ip6");
export const Arp = keyword("Arp", "arp");
export const Vxlan = keyword("Vxlan", "vxlan");
/** `net 10.1.0.0 mask 255.255.0.0`. */
export const Mask = keyword("Mask", "mask");
/** `len <= 100` (written with or without blanks), `less 100`, `greater 1000`. */
export const Len = createToken({ name: "Len", pattern: /len(?![^\s()<>=!])/ });
export const Less = keyword("Less", "less");
export const Greater = keyword("Greater", "greater");

/** Terms of pcap-filter's grammar: a type keyword takes a value, a protocol may come before
 *  a type (`tcp port 80`) or stand alone (`tcp`). */
export const TYPES = [Host, Net, PortRange, Port];
export const PROTOCOLS = [Ether, Ip6, Ip, Arp, Tcp, Udp, Icmp, Vxlan];
/** vpptrace's own terms: a keyword and a value, or a keyword alone. */
export const OWN_VALUED = [TcpFlags, NodeWord, Thread, Verdict, Rule, Scenario];
export const OWN_BARE = [Drop, Nat];

export const filterTokens: TokenType[] = [Blank, LParen, RParen, Compare, And, Or, Not, Src, Dst, Mask, Len, Less, Greater, ...TYPES, ...OWN_VALUED, ...PROTOCOLS, ...OWN_BARE, Word];

let lexer: Lexer | undefined;

/** The filter's lexer, built on first use: most runs have no --filter, and building it
 *  (chevrotain analyses every token) cost every start of vpptrace ~30 ms. */
export function filterLexer(): Lexer {
  lexer ??= new Lexer(filterTokens, { positionTracking: "onlyOffset", ensureOptimizations: false });
  return lexer;
}
