/**
 * The values of filter terms, read and judged: an address, a CIDR, a port, a port range, a
 * thread, a verdict, TCP flags, a glob. A value that does not read is a FilterError at its
 * column, saying what was expected.
 */
import type { FilterWord } from "../../grammar/filter.js";
import { CIDR_PATTERN, IP4_PATTERN, parsePrefix, type Prefix } from "../model/ip4.js";
import { normalizeIp6, parsePrefix6, type Prefix6 } from "../model/ip6.js";
import { VERDICTS, type Verdict } from "../model/findings.js";
import { TCP_FLAG_BITS } from "./facts.js";

/** A filter that does not read: where (1-based column of the expression) and why. */
export class FilterError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
    this.name = "FilterError";
  }
}

const IP4 = new RegExp(IP4_PATTERN);
const CIDR = new RegExp(CIDR_PATTERN);

/** An IPv4 address as written, or an IPv6 one as VPP writes it (so `DB05:0::2` finds the
 *  `db05::2` a trace printed). */
export function address(word: FilterWord): string {
  if (IP4.test(word.text)) return word.text;
  const ip6 = word.text.includes(":") ? normalizeIp6(word.text) : null;
  if (ip6 === null) throw new FilterError(word.column, `'${word.text}' is not an IP address: expected e.g. 10.1.1.3 or 2001:db8::1`);
  return ip6;
}

/** `net 10.1.0.0/16` or `net 2001:db8::/32`; a bare address is its /32 or /128. */
export function prefix(word: FilterWord): { v4: Prefix } | { v6: Prefix6 } {
  if (IP4.test(word.text)) return { v4: parsePrefix(`${word.text}/32`) };
  if (CIDR.test(word.text)) return { v4: parsePrefix(word.text) };
  const v6 = word.text.includes(":") ? parsePrefix6(word.text.includes("/") ? word.text : `${word.text}/128`) : null;
  if (v6 === null) throw new FilterError(word.column, `'${word.text}' is not a network: expected an address and prefix length, e.g. 10.1.0.0/16 or 2001:db8::/32`);
  return { v6 };
}

function portNumber(text: string, word: FilterWord): number {
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(n <= 65535)) throw new FilterError(word.column, `'${text}' is not a port: expected a number from 0 to 65535`);
  return n;
}

export const port = (word: FilterWord): number => portNumber(word.text, word);

/** `portrange 8000-8080`: both ends included. */
export function portRange(word: FilterWord): [number, number] {
  const m = /^(\d+)-(\d+)$/.exec(word.text);
  if (m === null) throw new FilterError(word.column, `'${word.text}' is not a port range: expected e.g. 8000-8080`);
  const [low, high] = [portNumber(m[1], word), portNumber(m[2], word)];
  if (low > high) throw new FilterError(word.column, `port range '${word.text}' is empty: its first port is above its last`);
  return [low, high];
}

export function threadIndex(word: FilterWord): number {
  if (!/^\d{1,6}$/.test(word.text)) throw new FilterError(word.column, `'${word.text}' is not a thread: expected its number, e.g. 1`);
  return Number(word.text);
}

export function verdict(word: FilterWord): Verdict {
  if (!VERDICTS.includes(word.text as Verdict)) throw new FilterError(word.column, `'${word.text}' is not a verdict: expected ${VERDICTS.join(", ")}`);
  return word.text as Verdict;
}

/** `tcp-flags syn`, `syn|ack` or `syn,ack` (any of them set), `syn+ack` (all of them set). */
export function tcpFlags(word: FilterWord): { names: string[]; all: boolean } {
  const all = word.text.includes("+");
  const names = word.text.split(/[|,+]/).map((n) => n.toUpperCase());
  const known = Object.keys(TCP_FLAG_BITS);
  const unknown = names.find((n) => !known.includes(n));
  if (unknown !== undefined) throw new FilterError(word.column, `'${unknown.toLowerCase()}' is not a TCP flag: expected ${known.map((k) => k.toLowerCase()).join(", ")} (syn|ack: any, syn+ack: all)`);
  return { names, all };
}

/** A shell-style glob (`*`, `?`, `[…]`) as an anchored regular expression. */
export function glob(word: FilterWord): RegExp {
  let source = "";
  for (const c of word.text) source += c === "*" ? ".*" : c === "?" ? "." : c === "[" || c === "]" ? c : c.replace(/[.+^${}()|\\]/g, "\\$&");
  try {
    return new RegExp(`^${source}$`);
  } catch {
    throw new FilterError(word.column, `'${word.text}' is not a glob: a '[' is not closed`);
  }
}

/** A rule id the checker knows, so that a misspelt one is an error and not "no packet". */
export function ruleId(word: FilterWord, known: readonly string[]): string {
  if (known.length > 0 && !known.includes(word.text)) throw new FilterError(word.column, `'${word.text}' is not a rule: expected one of ${known.join(", ")}`);
  return word.text;
}
