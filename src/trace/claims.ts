/**
 * Which rule of a node family claims a body line, remembered per line text (trace lines
 * repeat): rules are tried in order, only those whose pattern can start with the line's
 * first character. A line no rule claims in a known node's record is judged (garbled.ts).
 */
import { scanPatternSource } from "../../grammar/line-shape.js";
import { own } from "../model/own.js";
import type { FieldName } from "../model/trace.js";
import type { NodeDecoder } from "./decoders/index.js";
import type { LineContext, LineRule } from "./decoders/types.js";
import { judgeUnclaimed, type Unreadable } from "./garbled.js";
import { LineMemo } from "./memo.js";

/** The rule that claims a line, with its match; or, in a known node's record, why the line
 *  cannot be read (garbled.ts); null: a line kept as key/value pairs. Per decoder and per
 *  context — whether a rule may claim a line depends on its position and the line before. */
export type Claim = { rule: LineRule; match: RegExpExecArray } | { unreadable: Unreadable } | null;
const claims = new Map<NodeDecoder, Map<string, LineMemo<Claim>>>();

/** Applies the rule that claims the line, if one does and its field is `wanted` (all when
 *  undefined); returns the claim, which is found either way: an unreadable line is one. */
export function applyLineRules(decoder: NodeDecoder, ctx: LineContext, known: boolean, wanted?: ReadonlySet<FieldName>): Claim {
  const memo = claimsIn(decoder, ctx.index === 0 ? "\u0001" : (ctx.previous ?? ""));
  let claim = memo.get(ctx.line.text);
  if (claim === undefined) {
    // Matched on an own copy, so that the remembered match holds nothing of the piece.
    const text = own(ctx.line.text);
    claim = findClaim(decoder, ctx.index, ctx.previous, text);
    if (claim === null && known && ctx.line.token !== "BlankLine") {
      const unreadable = judgeUnclaimed(decoder, text);
      if (unreadable !== null) claim = { unreadable };
    }
    memo.set(ctx.line.text, claim);
  }
  if (claim !== null && "rule" in claim && (wanted === undefined || (claim.rule.fills !== null && wanted.has(claim.rule.fills)))) claim.rule.apply(claim.match, ctx);
  return claim;
}

function claimsIn(decoder: NodeDecoder, context: string): LineMemo<Claim> {
  let byContext = claims.get(decoder);
  if (byContext === undefined) claims.set(decoder, (byContext = new Map()));
  let memo = byContext.get(context);
  if (memo === undefined) byContext.set(context, (memo = new LineMemo(2048)));
  return memo;
}

function findClaim(decoder: NodeDecoder, index: number, previous: string | undefined, text: string): Claim {
  for (const rule of rulesStartingWith(decoder, text.charAt(0))) {
    if (rule.firstOnly && index !== 0) continue;
    if (rule.after !== undefined && previous !== rule.after) continue;
    const match = rule.pattern.exec(text);
    if (match !== null) return { rule, match };
  }
  return null;
}

/** Per decoder: for each character some rule's line must start with, the rules (in order)
 *  that can match a line starting with it; under "" the rules that can match any other. */
const rulesByFirstChar = new WeakMap<NodeDecoder, Map<string, LineRule[]>>();

function rulesStartingWith(decoder: NodeDecoder, first: string): LineRule[] {
  let byChar = rulesByFirstChar.get(decoder);
  if (byChar === undefined) {
    const required = decoder.rules.map((r) => requiredFirstChar(r.pattern));
    byChar = new Map([["", decoder.rules.filter((_, i) => required[i] === undefined)]]);
    for (const c of required) if (c !== undefined) byChar.set(c, decoder.rules.filter((_, i) => required[i] === undefined || required[i] === c));
    rulesByFirstChar.set(decoder, byChar);
  }
  return byChar.get(first) ?? byChar.get("")!;
}

/** The character a line must start with for `pattern` to match, when the pattern says so
 *  plainly: `^`, then a literal character that no quantifier makes optional, and no `|`
 *  outside a group. Undefined when in doubt: the rule is then tried on every line. */
export function requiredFirstChar(pattern: RegExp): string | undefined {
  if (pattern.flags !== "" || hasTopLevelAlternation(pattern.source)) return undefined;
  return /^\^([A-Za-z0-9 _:,#/-])(?![?*{])/.exec(pattern.source)?.[1];
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let found = false;
  scanPatternSource(source, (c) => {
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) found = true;
    return found;
  });
  return found;
}
