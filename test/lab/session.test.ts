/**
 * The lab session itself: every scenario of the guide was captured on the nodes it crosses,
 * each client saw what its scenario means (a connection answered, or refused by the egress
 * ACL), and each node's state was dumped beside its traces.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { labSession, labSkip, type LabSession } from "./lab.js";

const skip = labSkip();
let lab: LabSession | undefined;

beforeAll(async () => {
  lab = await labSession();
}, 16 * 60_000);

const packetsIn = (path: string) => readFileSync(path, "utf8").match(/^Packet \d+/gm)?.length ?? 0;

describe.skipIf(skip !== undefined && process.env.CI !== "true")(`the VPP lab session${skip ? ` (skipped: ${skip})` : ""}`, () => {
  it("captures every scenario on every node it crosses, in both topology variants and a second run", () => {
    for (const set of ["default", "rerun", "underlay-nat"]) {
      const ids = new Set(lab!.captures(set).map((c) => c.id));
      expect([...ids].sort(), set).toEqual(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13"]);
      for (const id of ["02", "07", "11", "13"]) expect(lab!.captures(set).filter((c) => c.id === id).map((c) => c.node), `${set} ${id}`).toEqual([1, 2]);
      for (const capture of lab!.captures(set)) expect(packetsIn(capture.path), capture.path).toBeGreaterThan(0);
    }
  });

  it("answers every connection but the one the egress ACL denies", () => {
    for (const set of ["default", "rerun", "underlay-nat"]) {
      for (const capture of lab!.captures(set)) {
        expect(capture.result, `${set} ${capture.id}`).toMatch(capture.id === "10" ? /^FAIL/ : /^OK/);
      }
    }
  });

  it("sees each live change in what the client got", () => {
    expect(lab!.capture("change-mapping-moved", "06", 1).result).toMatch(/^OK .*hello from n2-podB/);
    expect(lab!.capture("change-egress-acl-removed", "10", 1).result).toMatch(/^OK/);
    expect(lab!.capture("change-route-changed", "02", 1).result).toMatch(/^FAIL/);
    expect(lab!.capture("change-vni-changed", "02", 2).result).toMatch(/^FAIL/);
  });

  it("dumps each node's state, every command under its vpp# line", () => {
    for (const set of ["default", "underlay-nat"]) {
      for (const node of [1, 2]) {
        const state = lab!.state(set, node);
        for (const command of ["show interface", "show ip fib table 0", "show nat44 static mappings", "show acl-plugin acl", "show vxlan tunnel"]) {
          expect(state, `${set} node ${node}`).toContain(`vpp# ${command}\n`);
        }
        expect(state).not.toMatch(/unknown input/);
      }
    }
  });
});
