/**
 * A line of a known node's record that no rule of its family claimed: either a line VPP
 * prints that vpptrace keeps as `key value` pairs (another release's extra line), or a line
 * that cannot be read. Cannot be read:
 *  - a line that starts as a known line does — a shared shape's first line (`TCP: a -> b`,
 *    `IP4: mac -> mac`, a hex dump line) or one of the family's lines with a distinctive
 *    start (`acl-plugin: `, `NAT44_…: `) — but does not read to its end: garbled, reported
 *    where reading stopped, with what was expected there;
 *  - a header line standing without the line it belongs under (`tos 0x00, ttl 64, …` with
 *    no `TCP: a -> b` above it): its fields would be lost;
 *  - text that is not even `key value` words: a word of nothing but unusual punctuation
 *    (`@@@`), which no VPP format function prints.
 * Lines of unknown nodes are never judged: they are kept, never errors.
 */
import { FIRST_LINES, IP4_LATER, OTHER_KNOWN_LINES, TCP_LATER, UDP_LATER } from "../../grammar/line-shapes.js";
import type { LineShape } from "../../grammar/line-shape.js";
import type { NodeDecoder } from "./decoders/types.js";

/** Why a line could not be read: where reading stopped in its text, and what was expected. */
export interface Unreadable {
  offset: number;
  /** What the line is (`ACL line`). */
  shape: string;
  expected: string;
  /** The family rule whose line this was meant to be, if it was one. */
  rule?: string;
}

const ORPHANS: [LineShape[], string][] = [
  [IP4_LATER, "the IPv4 header's first line ('PROTOCOL: A.B.C.D -> A.B.C.D') above it"],
  [TCP_LATER, "the TCP header's first line ('TCP: N -> N') above it"],
  [UDP_LATER, "the UDP header's first line ('UDP: N -> N') above it"],
];

/** A word of ASCII punctuation alone (`->`, `=`, `...`, `[0]` are VPP's; a word of them holding
 *  one of UNUSUAL is not). */
const PUNCTUATION_ONLY = /^[!-/:-@[-`{-~]+$/;
const UNUSUAL = /[!$%?@\\^`~;"']/;

/** Offset of the first word that no VPP format function prints, or -1. */
function strayWord(text: string): number {
  for (const word of text.matchAll(/\S+/g)) if (PUNCTUATION_ONLY.test(word[0]) && UNUSUAL.test(word[0])) return word.index;
  return -1;
}

/** Judges `text` (a line of a record of `decoder`'s family, which no rule claimed). */
export function judgeUnclaimed(decoder: NodeDecoder, text: string): Unreadable | null {
  if (OTHER_KNOWN_LINES.some((known) => known.test(text))) return null;
  for (const [shapes, expected] of ORPHANS) {
    const shape = shapes.find((s) => s.pattern.test(text));
    if (shape !== undefined) return { offset: 0, shape: shape.name, expected };
  }
  const garbled = farthestStop(decoder, text);
  if (garbled !== null) return garbled;
  const stray = strayWord(text);
  return stray === -1 ? null : { offset: stray, shape: "body line", expected: "`key value` words" };
}

/** Of the shapes whose lead the line has, the one that reads it farthest, and where it stops. */
function farthestStop(decoder: NodeDecoder, text: string): Unreadable | null {
  let best: Unreadable | null = null;
  const consider = (shape: LineShape, rule?: string): void => {
    if (!shape.leads(text)) return;
    const stop = shape.stop(text);
    if (stop !== null && (best === null || stop.offset > best.offset)) best = { offset: stop.offset, shape: shape.name, expected: stop.expected, rule };
  };
  for (const shape of FIRST_LINES) consider(shape);
  for (const rule of decoder.rules) if (rule.shape !== undefined) consider(rule.shape, rule.name);
  return best;
}

