/**
 * vpptrace on the real VPP 26.06 of the lab session, checked against each node's own state:
 * every scenario, both topology variants, one node's state or both nodes' capture files;
 * traces captured after a live change, checked against the state from before it, violate
 * and name the configuration item; `vpptrace capture` against the lab's vppctl.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCapture } from "../helpers.js";
import { labSession, labSkip, type LabSession } from "./lab.js";

const skip = labSkip();
let lab: LabSession | undefined;
const tmp = mkdtempSync(join(tmpdir(), "vpptrace-lab-state-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  lab = await labSession();
}, 16 * 60_000);

interface JsonPacket {
  verdict: string;
  reason?: string;
  placement?: { scenario: string; k8sNode: string; role: string };
  findings: { rule: string; expected: string; actual: string; message: string }[];
}

function stateFile(set: string, node: number): string {
  const path = join(tmp, `${set}.vpp${node}.txt`);
  if (!existsSync(path)) writeFileSync(path, lab!.state(set, node));
  return path;
}

async function check(args: string[]): Promise<JsonPacket[]> {
  const run = await runCliCapture(["check", "-q", "-f", "json", ...args]);
  return JSON.parse(run.stdout).packets as JsonPacket[];
}

/** ARP is not placed on a connection: unchecked, with that reason. */
const NOT_A_CONNECTION = "the trace shows no TCP, UDP or ICMP echo header";

describe.skipIf(skip !== undefined && process.env.CI !== "true")(`vpptrace on the lab's VPP state${skip ? ` (skipped: ${skip})` : ""}`, () => {
  it("gives every TCP and ping packet of every scenario `conforms` against its node's state, in both variants", async () => {
    for (const set of ["default", "underlay-nat"]) {
      for (const capture of lab!.captures(set)) {
        const packets = await check(["--state", stateFile(set, capture.node), capture.path]);
        const where = `${set} ${capture.id} ${capture.scenario} vpp${capture.node}`;
        expect(packets.length, where).toBeGreaterThan(0);
        for (const p of packets) {
          if (p.verdict === "unchecked") expect(p.reason, where).toBe(NOT_A_CONNECTION);
          else expect([p.verdict, p.findings.map((f) => f.message)], where).toEqual(["conforms", []]);
        }
        expect(packets.filter((p) => p.verdict === "conforms").length, where).toBeGreaterThan(0);
      }
    }
  }, 120_000);

  it("checks both nodes' capture files of a cross-node scenario, each packet on its own node, client and server", async () => {
    for (const set of ["default", "underlay-nat"]) {
      for (const id of ["02", "07", "11"]) {
        const files = [1, 2].map((node) => {
          const path = join(tmp, `${set}-${id}.node${node}.txt`);
          writeFileSync(path, `vpp# show trace max 50\n${readFileSync(lab!.capture(set, id, node).path, "utf8")}\n${lab!.state(set, node)}`);
          return path;
        });
        const packets = await check(files);
        expect(packets.map((p) => p.verdict).filter((v) => v !== "conforms"), `${set} ${id}`).toEqual([]);
        expect(new Set(packets.map((p) => p.placement?.role)), `${set} ${id}`).toEqual(new Set(["client-node", "server-node"]));
      }
    }
  }, 60_000);

  const changes: [string, string, number, RegExp][] = [
    ["change-mapping-moved", "06", 1, /should translate the destination 10\.96\.0\.10:80 to 10\.1\.1\.3:8080: .*static mappings: TCP 10\.1\.1\.3:8080 external 10\.96\.0\.10:80 out2in-only \(.*:\d+\)/],
    ["change-route-changed", "02", 1, /should leave by loop0 .*not host-lx1: fib 10\.1\.2\.0\/24 via 192\.168\.30\.2 loop0 \(show ip fib: .*:\d+\)\)/],
    ["change-egress-acl-removed", "10", 1, /acl-plugin-out-ip4-fa|acl 1 rule 0/],
    ["change-vni-changed", "02", 2, /the configuration expects (?:vxlan4-input|l2-input|l2-learn|l2-fwd) .*show vxlan tunnel: vxlan_tunnel0 from 192\.168\.16\.2 to 192\.168\.16\.1 VNI 10 \(|the configuration expects .*VNI 10|vni 10/],
  ];
  for (const [set, id, node, finding] of changes) {
    it(`finds ${set.replace("change-", "")} on node ${node} against the state from before it, naming the hop, the value and the configuration`, async () => {
      const packets = await check(["--state", stateFile("default", node), lab!.capture(set, id, node).path]);
      const violating = packets.filter((p) => p.verdict === "violates");
      expect(violating.length, set).toBeGreaterThan(0);
      const messages = violating.flatMap((p) => p.findings.map((f) => `${f.message} (expected ${f.expected}, actual ${f.actual})`));
      expect(messages.some((m) => finding.test(m)), `${set}:\n${messages.slice(0, 5).join("\n")}`).toBe(true);
    }, 30_000);
  }

  it("captures a node's trace and state through its vppctl into a capture file check accepts", async () => {
    const hooks = lab!.hookDir;
    expect(readFileSync(join(hooks, "capture.code"), "utf8").trim(), readFileSync(join(hooks, "capture.stderr"), "utf8")).toBe("0");
    const packets = await check([join(hooks, "capture.vpp1.txt")]);
    expect(packets.filter((p) => p.placement?.scenario === "pod-to-service").map((p) => p.verdict).length).toBeGreaterThan(0);
    for (const p of packets) if (p.verdict !== "conforms") expect(p.reason).toBe(NOT_A_CONNECTION);
  });

  it("says in one line, exit 2, that a vppctl whose VPP is not there does not answer", () => {
    expect(readFileSync(join(lab!.hookDir, "capture-bad.code"), "utf8").trim()).toBe("2");
    const said = readFileSync(join(lab!.hookDir, "capture-bad.stderr"), "utf8").trim().split("\n");
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^vpptrace: vppctl failed on 'show version'/);
  });
});
