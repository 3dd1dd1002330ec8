/**
 * Cluster-file errors that say where (file:line:column of the offending value, and its JSON
 * path), what was expected and what was found; an unknown key gets the nearest valid key
 * suggested. Quoted values are cut at 80 characters, and a file with thousands of mistakes
 * lists the first 20.
 */
import type { ErrorObject } from "ajv";
import { quote } from "../../model/quote.js";

/** Problems listed at most; the rest are counted. */
export const MAX_PROBLEMS = 20;

export class ClusterError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ClusterError";
  }
}

/** The first `max` problems, and a line counting the others. */
export function withMore(problems: string[], max: number, total = problems.length): string[] {
  return total <= max ? problems.slice(0, max) : [...problems.slice(0, max), `… and ${total - max} more problems`];
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
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // Lengths further apart than the limit cannot be near: a 1 MB key costs nothing.
    if (Math.abs(word.length - c.length) > limit) continue;
    const d = editDistance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= limit ? best : undefined;
}

/** A value as the file gave it, cut at 80 characters (`Infinity` for `1e400`). */
export function shown(value: unknown): string {
  const text = typeof value === "number" && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length <= 80 ? text : `${text.slice(0, 80)}…`;
}

export interface SchemaProblem {
  /** JSON pointer of the offending value (`/pods/2/ip`), or of the object holding `key`. */
  pointer: string;
  key?: string;
  message: string;
}

export const NO_NODE = "the cluster file describes no node: expected nodes: [{name: …, id: …}, …]";

/** `/pods/2/ip: "10.1.1.300" is not an IPv4 address such as 10.1.1.3` style problems. */
export function describeSchemaError(error: ErrorObject, schemaAt: (path: string) => { properties?: Record<string, { description?: string }> } | undefined): SchemaProblem {
  const pointer = error.instancePath;
  const path = pointer === "" ? "/" : pointer;
  if (error.keyword === "additionalProperties") {
    const key = String(error.params.additionalProperty);
    const known = Object.keys(schemaAt(error.schemaPath)?.properties ?? {});
    const hint = nearest(key, known);
    return { pointer, key, message: `${path}: unknown key ${quote(key)}${hint ? `; did you mean '${hint}'?` : `; expected one of ${known.join(", ")}`}` };
  }
  if ((error.keyword === "required" && pointer === "" && error.params.missingProperty === "nodes") || (error.keyword === "minItems" && pointer === "/nodes")) return { pointer, message: NO_NODE };
  if (error.keyword === "pattern") {
    const description = (error.parentSchema as { description?: string } | undefined)?.description;
    return { pointer, message: `${path}: ${shown(error.data)} is not ${description ?? `matching ${error.params.pattern}`}` };
  }
  if (error.keyword === "required") return { pointer, message: `${path}: ${error.message ?? "is invalid"}` };
  if (error.keyword === "enum") return { pointer, message: `${path}: must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, found ${shown(error.data)}` };
  return { pointer, message: `${path}: ${error.message ?? "is invalid"}, found ${shown(error.data)}` };
}

/** A cluster description is a few KB; past this, reading it (YAML keeps every node with its
 *  position) would cost gigabytes — one 100 MB string took 3.9 GB — for nothing. */
export const MAX_CLUSTER_BYTES = 4 * 1024 * 1024;

export const tooLarge = (file: string, bytes: number): string =>
  `${file}:1:1: the cluster file holds more than ${MAX_CLUSTER_BYTES / 2 ** 20} MB (${MAX_CLUSTER_BYTES} bytes), the most read${Number.isFinite(bytes) ? `: ${bytes} bytes` : ""}; a cluster description is a few KB`;

type SchemaNode = { properties?: Record<string, { description?: string }> } | undefined;

/** The subschema at an ajv schema path (`#/properties/pods/items/…`), for the keys it knows. */
export function schemaNodeAt(schema: object, schemaPath: string): SchemaNode {
  let node: unknown = schema;
  for (const part of schemaPath.replace(/^#\//, "").split("/").slice(0, -1)) node = (node as Record<string, unknown>)?.[part];
  return node as SchemaNode;
}

/** A failed validation's problems, each at the file:line:column `at` gives its value (or
 *  key): the first MAX_PROBLEMS, the rest counted. */
export function locatedSchemaProblems(errors: ErrorObject[], schema: object, at: (pointer: string, key?: string) => string): string[] {
  const problems = errors.slice(0, MAX_PROBLEMS).map((e) => {
    const p = describeSchemaError(e, (path) => schemaNodeAt(schema, path));
    return `${at(p.pointer, p.key)}${p.message}`;
  });
  return withMore(problems, MAX_PROBLEMS, errors.length);
}
