import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasSharedTraces, sharedTraceFiles, sharedTracesDir } from "../helpers.js";
import { findings } from "./fault.js";

/** What the rules rightly find in the public traces: real drops and excerpts cut short. */
const EXPECTED: Record<string, string[]> = {
  "001": ["drop@105", "drop@145", "drop@185", "drop@225", "drop@265"],
  "005": ["drop@65"],
  "006": ["drop@39"],
  "010": ["drop@16"],
  "012": ["drop@4"],
  "013": ["drop@9"],
  "025": ["drop@22"],
  "026": ["drop@28"],
};

describe.skipIf(!hasSharedTraces)("invariant rules on real traces (../shared/traces)", () => {
  it.each(sharedTraceFiles())("%s: no false positives — only its real drops and truncations", (name) => {
    const found = findings(readFileSync(join(sharedTracesDir, name), "utf8")).map((f) => `${f.rule}@${f.line}`);
    expect(found).toEqual(EXPECTED[name.slice(0, 3)] ?? []);
  });
});
