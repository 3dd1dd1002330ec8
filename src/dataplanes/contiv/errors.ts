/**
 * Cluster-file errors that say where (JSON path, and line:column when the YAML parser
 * knows it) and what was expected; an unknown key gets the nearest valid key suggested.
 */
import type { ErrorObject } from "ajv";

export class ClusterError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ClusterError";
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

export function nearest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** `/pods/2/ip: must match "an IPv4 address such as 10.1.1.3"` style lines. */
export function describeSchemaError(error: ErrorObject, schemaAt: (path: string) => { properties?: Record<string, { description?: string }> } | undefined): string {
  const path = error.instancePath === "" ? "/" : error.instancePath;
  if (error.keyword === "additionalProperties") {
    const key = String(error.params.additionalProperty);
    const known = Object.keys(schemaAt(error.schemaPath)?.properties ?? {});
    const hint = nearest(key, known);
    return `${path}: unknown key '${key}'${hint ? `; did you mean '${hint}'?` : `; expected one of ${known.join(", ")}`}`;
  }
  if (error.keyword === "pattern") {
    const description = (error.parentSchema as { description?: string } | undefined)?.description;
    return `${path}: ${JSON.stringify(error.data)} is not ${description ?? `matching ${error.params.pattern}`}`;
  }
  if (error.keyword === "enum") return `${path}: must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  return `${path}: ${error.message ?? "is invalid"}`;
}
