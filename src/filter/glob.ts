/**
 * Shell-style globs (`*`, `?`, `[abc]`, `[a-z]`, `[!x]`) matched in time linear in the name
 * for a given pattern — O(name × pattern), never the exponential or polynomial blow-up a
 * regular expression with several `.*` gives a backtracking engine (`*a*a*a*a*b` against a
 * long name of `a`s). The pattern is cut at its stars into segments: the first must match the
 * start of the name, the last its end, and each one between is taken at its leftmost place
 * after the one before — the leftmost place leaves the most room to the rest, so if any
 * placement matches, this one does. One function, used by every glob of vpptrace (`--filter`'s
 * `node` and `scenario`, and whatever else names nodes by pattern).
 */

/** A glob that does not read: where in the pattern (0-based) and why. */
export class GlobError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
    this.name = "GlobError";
  }
}

/** One position of a segment: a character, any character, or a set of them. */
type Unit = { kind: "char"; c: string } | { kind: "any" } | { kind: "set"; negated: boolean; ranges: [string, string][] };

/** `globMatcher("ip4-*")("ip4-lookup")` → true. Throws GlobError for an unclosed `[`. */
export function globMatcher(pattern: string): (name: string) => boolean {
  const segments: Unit[][] = [[]];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") segments.push([]);
    else if (c === "?") segments[segments.length - 1].push({ kind: "any" });
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close === -1) throw new GlobError(i, "a '[' is not closed");
      let body = pattern.slice(i + 1, close);
      const negated = body.startsWith("!") || body.startsWith("^");
      if (negated) body = body.slice(1);
      const ranges: [string, string][] = [];
      for (let j = 0; j < body.length; j++) ranges.push(body[j + 1] === "-" && j + 2 < body.length ? [body[j], body[(j += 2)]] : [body[j], body[j]]);
      segments[segments.length - 1].push({ kind: "set", negated, ranges });
      i = close;
    } else segments[segments.length - 1].push({ kind: "char", c });
  }
  const fits = (u: Unit, c: string): boolean => {
    if (u.kind === "char") return u.c === c;
    if (u.kind === "any") return true;
    return u.ranges.some(([lo, hi]) => c >= lo && c <= hi) !== u.negated;
  };
  const matchesAt = (seg: Unit[], name: string, at: number): boolean => {
    if (at + seg.length > name.length) return false;
    for (let k = 0; k < seg.length; k++) if (!fits(seg[k], name[at + k])) return false;
    return true;
  };
  return (name) => {
    const first = segments[0];
    if (segments.length === 1) return first.length === name.length && matchesAt(first, name, 0);
    const last = segments[segments.length - 1];
    if (first.length + last.length > name.length || !matchesAt(first, name, 0) || !matchesAt(last, name, name.length - last.length)) return false;
    let at = first.length;
    const end = name.length - last.length;
    for (let s = 1; s < segments.length - 1; s++) {
      const seg = segments[s];
      while (at + seg.length <= end && !matchesAt(seg, name, at)) at++;
      if (at + seg.length > end) return false;
      at += seg.length;
    }
    return true;
  };
}
