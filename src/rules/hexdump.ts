/**
 * hexdump: the bytes of the ip4-rewrite hex dump agree with the fields printed around it.
 * The dump is the packet after rewrite, so it must start with the rewrite string, and its
 * IPv4 header and ports must match the next print of the packet (the output node), or,
 * without one, the fields a rewrite does not change in the print before it.
 */
import type { NodeRecord } from "../model/trace.js";
import { hex4, type HeaderView } from "../trace/headers.js";
import type { Rule, RuleContext } from "./types.js";

type Field = "src" | "dst" | "proto" | "srcPort" | "dstPort" | "ttl" | "tos" | "length" | "fragmentId" | "checksum";
const FIELDS: Field[] = ["src", "dst", "proto", "srcPort", "dstPort", "ttl", "tos", "length", "fragmentId", "checksum"];
const show = (field: Field, value: string | number): string =>
  `${field} ${field === "checksum" || field === "fragmentId" ? hex4(value as number) : value}`;

function checkRewriteString(record: NodeRecord, report: RuleContext["report"]): void {
  const rewrite = record.fields.rewrite?.rewrite;
  const dump = record.fields.hexdump;
  if (rewrite === undefined || dump === undefined || !/^[0-9a-f]+$/.test(rewrite)) return;
  const start = dump.bytes.slice(0, rewrite.length);
  if (start === rewrite) return;
  report({
    record,
    expected: `dump starting ${rewrite}`,
    actual: `dump starting ${start}`,
    message: `the ip4-rewrite hex dump (line ${dump.line}) should start with the adjacency's rewrite string`,
  });
}

/** A NAT or unknown node (e.g. Calico's ip4-cnat-tx) between two prints may have translated
 *  the packet without printing the result. */
function translatorBetween(records: NodeRecord[], from: number, to: number): boolean {
  return records.slice(from + 1, to).some((r) => r.kind === "nat" || r.kind === "unknown");
}

const TRANSLATED: Field[] = ["src", "dst", "srcPort", "dstPort", "checksum"];

function compareHeaders(dump: HeaderView, printed: HeaderView, when: "after" | "before" | "before-translated", report: RuleContext["report"]): void {
  for (const field of FIELDS) {
    // Before the rewrite TTL and checksum are still the old ones: ttl-decrement and
    // ip4-checksum judge those; only the fields a rewrite keeps are compared here.
    if (when !== "after" && (field === "checksum" || field === "ttl")) continue;
    if (when === "before-translated" && TRANSLATED.includes(field)) continue;
    const fromDump = dump[field];
    const fromPrint = printed[field];
    if (fromDump === undefined || fromPrint === undefined) continue;
    if (fromDump === fromPrint) continue;
    report({
      record: dump.record,
      expected: show(field, fromPrint),
      actual: show(field, fromDump),
      message: `the ip4-rewrite hex dump (line ${dump.line}) disagrees with ${printed.record.node} (line ${printed.line}) on ${field}`,
    });
  }
}

export const hexdump: Rule = {
  meta: { kind: "invariant", id: "hexdump", description: "the ip4-rewrite hex dump agrees with the rewrite string and the decoded headers around it", severity: "error" },
  reads: ["rewrite", "hexdump", "ip4"],
  check({ packet, views, report }) {
    views.forEach((view, i) => {
      if (!view.rewritten) return;
      checkRewriteString(view.record, report);
      const next = views.slice(i + 1).find((v) => v.src === view.src && v.dst === view.dst);
      const previous = views.slice(0, i).reverse().find((v) => v.position < view.position && v.fragmentId === view.fragmentId);
      if (next !== undefined) compareHeaders(view, next, "after", report);
      else if (previous !== undefined) compareHeaders(view, previous, translatorBetween(packet.records, previous.position, view.position) ? "before-translated" : "before", report);
    });
  },
};
