/**
 * A record's fields as `path → value` pairs (`acl.action`, `ip4.ttl`, `rewrite.interface`),
 * the unit the diff compares. Line and column numbers are positions, not content, and are left out.
 */
import type { NodeRecord } from "../model/trace.js";

export type Flat = Map<string, string | number | boolean>;

function walk(value: unknown, path: string, out: Flat): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== "object")) out.set(path, value.join(" "));
    else value.forEach((v, i) => walk(v, `${path}.${i}`, out));
    return;
  }
  if (typeof value === "object") {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (key === "line" || key.endsWith("Line") || key.endsWith("Column")) continue;
      walk(v, path === "" ? key : `${path}.${key}`, out);
    }
    return;
  }
  out.set(path, value as string | number | boolean);
}

export function flattenRecord(record: NodeRecord): Flat {
  const out: Flat = new Map();
  walk(record.fields, "", out);
  return out;
}
