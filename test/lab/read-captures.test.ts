/**
 * vpptrace reads what a real VPP 26.06 prints today: on the lab's fresh captures of every
 * scenario, in both topology variants (with and without NAT on the underlay) and on every
 * node a scenario crosses, `parse` has nothing to warn about and types every record (none
 * is of the generic kind, no line is left as key/value words), and `check` without a model
 * (the invariants only) finds every packet readable: none is `incomplete`.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { checkPackets } from "../../src/rules/index.js";
import { parseTrace } from "../../src/trace/index.js";
import { labSession, labSkip, type LabCapture, type LabSession } from "./lab.js";

const skip = labSkip();
let lab: LabSession | undefined;

beforeAll(async () => {
  lab = await labSession();
}, 16 * 60_000);

const SETS = ["default", "underlay-nat"];
const parse = (capture: LabCapture) => parseTrace(readFileSync(capture.path, "utf8"), { file: capture.path });
const name = (capture: LabCapture): string => `${capture.set} ${capture.id} ${capture.scenario} node ${capture.node}`;

describe.skipIf(skip !== undefined && process.env.CI !== "true")(`reading the lab's VPP 26.06 captures${skip ? ` (skipped: ${skip})` : ""}`, () => {
  it("parses every capture without a warning, and types every record", () => {
    for (const set of SETS) {
      const captures = lab!.captures(set);
      expect(captures.length, set).toBeGreaterThan(0);
      for (const capture of captures) {
        const parsed = parse(capture);
        expect(parsed.packets.length, name(capture)).toBeGreaterThan(0);
        expect(parsed.diagnostics.filter((d) => d.severity !== "info").map((d) => `${d.line}:${d.column} ${d.message}`), name(capture)).toEqual([]);
        const records = parsed.packets.flatMap((p) => p.records);
        expect(records.filter((r) => r.kind === "unknown").map((r) => `${r.node} (line ${r.line})`), name(capture)).toEqual([]);
        expect(records.filter((r) => r.fields.kv !== undefined).map((r) => `${r.node} (line ${r.line}): ${Object.keys(r.fields.kv!).join(" ")}`), name(capture)).toEqual([]);
      }
    }
  });

  it("holds every capture of the session, changes and second run included, to a corpus cap of zero generic records and zero warnings", () => {
    let records = 0;
    const untyped: string[] = [];
    const warnings: string[] = [];
    for (const set of ["default", "rerun", "underlay-nat", "change-mapping-moved", "change-route-changed", "change-egress-acl-removed", "change-vni-changed"]) {
      for (const capture of lab!.captures(set)) {
        const parsed = parse(capture);
        warnings.push(...parsed.diagnostics.filter((d) => d.severity === "warning").map((d) => `${name(capture)} ${d.line}: ${d.message}`));
        for (const record of parsed.packets.flatMap((p) => p.records)) {
          records++;
          if (record.kind === "unknown") untyped.push(`${name(capture)} ${record.node}`);
        }
      }
    }
    expect(records).toBeGreaterThan(0);
    expect(untyped).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it("checks every packet of every capture without a model, and finds none incomplete", () => {
    for (const set of SETS) {
      for (const capture of lab!.captures(set)) {
        const result = checkPackets(parse(capture).packets, { scenarios: false });
        expect(result.packets.filter((p) => p.verdict === "incomplete").map((p) => `${p.packet.label}: ${p.reason ?? ""}`), name(capture)).toEqual([]);
      }
    }
  });
});
