/** Fault injection into copies of the guide's samples, and a checker returning findings. */
import { expect } from "vitest";
import { Checker, checkPackets, invariantRules, type CheckOptions } from "../../src/rules/index.js";
import type { Cluster } from "../../src/dataplanes/contiv/cluster.js";
import { parseTrace } from "../../src/trace/index.js";
import type { Finding } from "../../src/model/findings.js";
import type { FieldName, Packet, RecordFields } from "../../src/model/trace.js";
import { sampleText } from "../helpers.js";

/** Replace each `from` (which must occur exactly once) by `to` in a sample's text. */
export function inject(sample: string, ...edits: [from: string, to: string][]): string {
  let text = sampleText(sample);
  for (const [from, to] of edits) {
    const count = text.split(from).length - 1;
    if (count !== 1) throw new Error(`${sample}: '${from}' occurs ${count} times`);
    text = text.replace(from, to);
  }
  return text;
}

/** The same-node SYN with ip4-rewrite's TTL decrement undone, in its hex dump and in the
 *  print after it: two ttl-decrement findings (ip4-rewrite, tap8-output). */
export const badTtlTrace = (): string =>
  inject("pod-to-pod-same-node-request.txt", ["3c341e40003f06f1870a01010c", "3c341e40004006f0870a01010c"], ["tos 0x00, ttl 63, length 60, checksum 0xf187", "tos 0x00, ttl 64, length 60, checksum 0xf087"]);

/** Keep the first `lines` lines of a sample: a packet whose capture was cut. */
export const truncate = (sample: string, lines: number): string => sampleText(sample).split("\n").slice(0, lines).join("\n");

/** Findings of the invariant rules (or of `only`); scenario rules join when a cluster is given.
 *  Checked twice, as `check` does it — the records decoding only the fields the checker says
 *  it reads, any other field read throwing — and on the full parse: both must agree, so every
 *  rule test also tests what its rule declares it reads. */
export function findings(text: string, only?: string[], cluster?: Cluster): Finding[] {
  const options: CheckOptions = { only, cluster, rules: cluster === undefined && only === undefined ? invariantRules : undefined, scenarios: cluster !== undefined };
  const full = checkPackets(parseTrace(text, { file: "t.txt" }).packets, options).findings;
  const read = new Checker(options).fieldsRead;
  const lean = checkPackets(guardFields(parseTrace(text, { file: "t.txt", fields: read }).packets, read), options).findings;
  expect(lean).toEqual(full);
  return full;
}

/** The packets with each record's fields throwing when a field not in `read` is read. */
export function guardFields(packets: Packet[], read: readonly FieldName[]): Packet[] {
  const allowed = new Set<string | symbol>(read);
  const guard: ProxyHandler<RecordFields> = {
    get(fields, key) {
      if (typeof key === "string" && !allowed.has(key)) throw new Error(`a rule or the matcher read the field '${key}', which the checker does not say it reads`);
      return Reflect.get(fields, key);
    },
  };
  return packets.map((p) => ({ ...p, records: p.records.map((r) => ({ ...r, fields: new Proxy(r.fields, guard) })) }));
}

export const brief = (f: Finding): string => `${f.rule}@${f.line}: ${f.expected} / ${f.actual}`;
