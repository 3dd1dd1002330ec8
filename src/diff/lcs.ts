/** Longest-common-subsequence alignment of two node-name sequences: an inserted or removed
 *  node shows as such instead of shifting every node after it. */

export type Step = { a: number; b: number } | { a: number; b?: undefined } | { a?: undefined; b: number };

export function alignSequences(a: string[], b: string[]): Step[] {
  const n = a.length;
  const m = b.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) steps.push({ a: i++, b: j++ });
    else if (j >= m || (i < n && table[i + 1][j] >= table[i][j + 1])) steps.push({ a: i++ });
    else steps.push({ b: j++ });
  }
  return steps;
}
