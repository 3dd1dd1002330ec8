/**
 * Longest-common-subsequence alignment of two node-name sequences: an inserted or removed
 * node shows as such instead of shifting every node after it.
 *
 * Myers' O(ND) algorithm in its linear-space form (split at the middle of a shortest edit
 * path, divide and conquer):
 * memory is O(n + m) whatever the lengths, where a full LCS table needs n × m cells (two
 * 30 000-record packets: 900 million cells, over 4 GB). The alignment is still a longest
 * common subsequence, and similar sequences — the usual diff — cost little more than their
 * length: time grows with n + m times the number of differences D.
 */

export type Step = { a: number; b: number } | { a: number; b?: undefined } | { a?: undefined; b: number };

/** Node names as small integers, so the inner loops compare numbers, not strings. */
function intern(a: string[], b: string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const code = (s: string): number => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = ids.size));
    return id;
  };
  return [Int32Array.from(a, code), Int32Array.from(b, code)];
}

export function alignSequences(a: string[], b: string[]): Step[] {
  const [x, y] = intern(a, b);
  // matchOf[i]: the position in b matched with a[i], or -1.
  const matchOf = new Int32Array(x.length).fill(-1);
  align(x, 0, x.length, y, 0, y.length, matchOf);
  return steps(matchOf, y.length);
}

/**
 * The steps in order. Between two matches, every node only in A comes before every node
 * only in B (as the table-driven alignment this replaces printed them).
 */
function steps(matchOf: Int32Array, m: number): Step[] {
  const out: Step[] = [];
  let j = 0;
  for (let i = 0; i < matchOf.length; i++) {
    const k = matchOf[i];
    if (k === -1) {
      out.push({ a: i });
      continue;
    }
    while (j < k) out.push({ b: j++ });
    out.push({ a: i, b: j++ });
  }
  while (j < m) out.push({ b: j++ });
  return out;
}

/** Align x[x0, x1) with y[y0, y1): common ends first, then split where a shortest edit
 *  path crosses its middle, and align both halves the same way. */
function align(x: Int32Array, x0: number, x1: number, y: Int32Array, y0: number, y1: number, matchOf: Int32Array): void {
  // An explicit stack: a long run of small differences must not exhaust the call stack.
  const stack: number[] = [x0, x1, y0, y1];
  while (stack.length > 0) {
    let hy = stack.pop()!;
    let ly = stack.pop()!;
    let hx = stack.pop()!;
    let lx = stack.pop()!;
    while (lx < hx && ly < hy && x[lx] === y[ly]) matchOf[lx++] = ly++;
    while (lx < hx && ly < hy && x[hx - 1] === y[hy - 1]) matchOf[--hx] = --hy;
    if (lx === hx || ly === hy) continue;
    const split = middle(x, lx, hx, y, ly, hy);
    if (split === undefined) continue; // nothing in common: all of it only in A, then only in B
    const [sx, sy] = split;
    stack.push(sx, hx, sy, hy, lx, sx, ly, sy);
  }
}

/**
 * Where a shortest edit path from (lx, ly) to (hx, hy) crosses its middle (Myers 1986,
 * section 4b, as diff-match-patch's `diff_bisect` writes it): furthest-reaching paths from
 * both corners, D steps at a time, until they overlap. Both arrays are O(n + m); a point is
 * returned strictly inside the box, so both halves are smaller problems.
 */
function middle(x: Int32Array, lx: number, hx: number, y: Int32Array, ly: number, hy: number): [number, number] | undefined {
  const n = hx - lx;
  const m = hy - ly;
  const maxD = Math.ceil((n + m) / 2);
  const offset = maxD;
  const length = 2 * maxD + 2;
  const v1 = new Int32Array(length).fill(-1);
  const v2 = new Int32Array(length).fill(-1);
  v1[offset + 1] = 0;
  v2[offset + 1] = 0;
  const delta = n - m;
  // With an odd delta the forward path meets the reverse one; with an even one, the reverse.
  const front = (delta & 1) !== 0;
  let k1start = 0;
  let k1end = 0;
  let k2start = 0;
  let k2end = 0;
  for (let d = 0; d < maxD; d++) {
    for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const k1o = offset + k1;
      let x1 = k1 === -d || (k1 !== d && v1[k1o - 1] < v1[k1o + 1]) ? v1[k1o + 1] : v1[k1o - 1] + 1;
      let y1 = x1 - k1;
      while (x1 < n && y1 < m && x[lx + x1] === y[ly + y1]) x1++, y1++;
      v1[k1o] = x1;
      if (x1 > n) k1end += 2; // ran off the right of the graph
      else if (y1 > m) k1start += 2; // ran off the bottom
      else if (front) {
        const k2o = offset + delta - k1;
        if (k2o >= 0 && k2o < length && v2[k2o] !== -1 && x1 >= n - v2[k2o]) return [lx + x1, ly + y1];
      }
    }
    for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const k2o = offset + k2;
      let x2 = k2 === -d || (k2 !== d && v2[k2o - 1] < v2[k2o + 1]) ? v2[k2o + 1] : v2[k2o - 1] + 1;
      let y2 = x2 - k2;
      while (x2 < n && y2 < m && x[hx - x2 - 1] === y[hy - y2 - 1]) x2++, y2++;
      v2[k2o] = x2;
      if (x2 > n) k2end += 2;
      else if (y2 > m) k2start += 2;
      else if (!front) {
        const k1o = offset + delta - k2;
        if (k1o >= 0 && k1o < length && v1[k1o] !== -1) {
          const x1 = v1[k1o];
          if (x1 >= n - x2) return [lx + x1, ly + offset + x1 - k1o];
        }
      }
    }
  }
  return undefined;
}
