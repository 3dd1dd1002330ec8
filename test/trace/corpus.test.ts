/**
 * A corpus test in the spirit of prettier-java's: over every real trace in ../shared/traces
 * (VPP 16.09 to 26.06, other data planes, pasted excerpts), the records vpptrace cannot type
 * (generic records), the records holding lines left as `key value` words, and the warnings
 * are counted and capped at what vpptrace reaches today. The caps may only go down: a count
 * above its cap is a regression, one below it means the cap is to be lowered to it (so that
 * the gain is kept). The lab's own captures are held to zero (test/lab/read-captures.test.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTrace } from "../../src/trace/index.js";
import { hasSharedTraces, sharedTraceFiles, sharedTracesDir } from "../helpers.js";

/** Today's counts over ../shared/traces (13 traces, 451 records). Lower them as they fall. */
const CAPS = {
  /** vxlan-gpe-encap-ioam-v4 ×2, vxlan-gpe-encap, vxlan4-gpe-input (16.09 iOAM plugins). */
  untyped: 4,
  /** ethernet-input's `frame:` line, virtio `hdr:` lines and pg-input's `next_node` (kept as
   *  key/value by design); ip4-cnat-tx's session line; l2-input-acl's table line; the
   *  iOAM hop-by-hop and VXLAN-GPE trace lines. */
  withKeyValues: 13,
  /** 4 elisions (`...`, `[...]`: lines left out) and 3 always-printed lines they took out of
   *  the tracepath excerpt, 2 `vpp# show trace` prompts, 1 packet whose records were all left
   *  out, 1 thread of exactly VPP's 50-packet display limit. */
  warnings: 11,
};

function corpusCounts(): { records: number; untyped: number; withKeyValues: number; warnings: number } {
  const counts = { records: 0, untyped: 0, withKeyValues: 0, warnings: 0 };
  for (const name of sharedTraceFiles()) {
    const parsed = parseTrace(readFileSync(join(sharedTracesDir, name), "utf8"), { file: name });
    counts.warnings += parsed.diagnostics.filter((d) => d.severity === "warning").length;
    for (const record of parsed.packets.flatMap((p) => p.records)) {
      counts.records++;
      if (record.kind === "unknown") counts.untyped++;
      if (record.fields.kv !== undefined) counts.withKeyValues++;
    }
  }
  return counts;
}

describe.runIf(hasSharedTraces)("the shared corpus of real traces", () => {
  const counts = corpusCounts();

  for (const key of ["untyped", "withKeyValues", "warnings"] as const) {
    it(`holds no more ${key} than its cap (${CAPS[key]}), and the cap follows the count down`, () => {
      expect(counts[key], `${key}: ${counts[key]} of ${counts.records} records, cap ${CAPS[key]}`).toBeLessThanOrEqual(CAPS[key]);
      expect(counts[key], `${key} fell to ${counts[key]}: lower its cap in test/trace/corpus.test.ts to keep the gain`).toBe(CAPS[key]);
    });
  }

  it("types nearly every record: under 1% are generic", () => {
    expect(counts.untyped / counts.records).toBeLessThan(0.01);
  });
});
