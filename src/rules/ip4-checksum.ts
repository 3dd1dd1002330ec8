/**
 * ip4-checksum: the printed IPv4 header checksum is right. Where every header field is
 * printed (or dumped in hex by ip4-rewrite) it is recomputed (RFC 1071); where a TTL
 * decrement is seen between two prints of one flow, the new checksum must follow from the
 * old by the RFC 1624 incremental update VPP applies in ip4-rewrite.
 * A checksum VPP itself flagged with ` (should be 0x…)` — offload left it stale — is a
 * warning; a wrong checksum VPP did not flag means the trace contradicts itself.
 */
import { flowKey, hex4, incrementalChecksum, ip4HeaderChecksum, type HeaderView } from "../trace/headers.js";
import type { Report, Rule } from "./types.js";
import { viewValueAt } from "./value-at.js";

function recompute(v: HeaderView): number | undefined {
  const { tos, length, fragmentId, flagsOffset, ttl, checksum } = v;
  if (tos === undefined || length === undefined || fragmentId === undefined || flagsOffset === undefined || ttl === undefined || checksum === undefined) return undefined;
  // IPv4 options are not printed, so a header longer than 20 bytes cannot be recomputed.
  if (v.record.fields.ip4?.headerLength !== undefined && v.record.fields.ip4.headerLength !== 20) return undefined;
  if (v.source === "hexdump" && v.record.fields.hexdump?.ip4?.ihl !== 5) return undefined;
  return ip4HeaderChecksum({ tos, length, fragmentId, flagsOffset, ttl, proto: v.proto, src: v.src, dst: v.dst });
}

function checkRecomputed(v: HeaderView, report: (r: Report) => void): void {
  const computed = recompute(v);
  if (computed === undefined || computed === v.checksum) return;
  const where = v.source === "hexdump" ? "in the ip4-rewrite hex dump" : `printed by ${v.record.node}`;
  report({
    record: v.record,
    at: viewValueAt(v, "checksum"),
    expected: `checksum ${hex4(computed)}`,
    actual: `checksum ${hex4(v.checksum!)}`,
    message: `the IPv4 header checksum ${where} (line ${v.line}) does not match the header's fields`,
    severity: v.checksumShouldBe !== undefined ? "warning" : "error",
  });
}

function checkIncremental(before: HeaderView, after: HeaderView, report: (r: Report) => void): void {
  if (before.ttl === undefined || after.ttl === undefined || before.checksum === undefined || after.checksum === undefined) return;
  if (after.ttl !== before.ttl - 1 || recompute(after) !== undefined) return;
  const expected = incrementalChecksum(before.checksum, (before.ttl << 8) | before.proto, (after.ttl << 8) | after.proto);
  if (expected === after.checksum) return;
  report({
    record: after.record,
    at: viewValueAt(after, "checksum"),
    expected: `checksum ${hex4(expected)}`,
    actual: `checksum ${hex4(after.checksum)}`,
    message: `the TTL decrement from ${before.ttl} to ${after.ttl} should update the checksum incrementally (RFC 1624), from ${hex4(before.checksum)} at ${before.record.node}`,
  });
}

export const ip4Checksum: Rule = {
  meta: { kind: "invariant", id: "ip4-checksum", description: "IPv4 header checksums match the header fields and follow each TTL decrement", severity: "error" },
  reads: ["ip4", "hexdump"],
  check({ views, report }) {
    const last = new Map<string, HeaderView>();
    for (const view of views) {
      checkRecomputed(view, report);
      const before = last.get(flowKey(view));
      if (before !== undefined) checkIncremental(before, view, report);
      last.set(flowKey(view), view);
    }
  },
};
