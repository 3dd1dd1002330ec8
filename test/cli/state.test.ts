/** `--state` and capture files on the command line: packets checked against the node's own
 *  state (one node, or several with the cross-node ones correlated through the tunnels), a
 *  state that is none refused with one line, a configuration item named in each finding. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCapture } from "../helpers.js";

const dir = "test/fixtures/lab-26.06";
const fixture = (name: string): string => `${dir}/${name}`;
const tmp = mkdtempSync(join(tmpdir(), "vpptrace-state-"));

/** A capture file as a terminal log holds it: the trace under `vpp# show trace`, then the state. */
function captureFile(trace: string, state: string, name: string): string {
  const path = join(tmp, name);
  writeFileSync(path, `vpp# show trace max 50\n${readFileSync(fixture(trace), "utf8")}\n${readFileSync(fixture(state), "utf8")}`);
  return path;
}

const summary = (stdout: string): unknown => JSON.parse(stdout).summary;

describe("check --state", () => {
  it("gives every packet of a lab scenario `conforms` against the node's own state", async () => {
    for (const trace of ["06-pod-to-service-backend-same-node.vpp1.txt", "05-pod-to-internet-snat-on-uplink.vpp1.txt", "02-pod-to-pod-other-node.vpp1.txt"]) {
      const run = await runCliCapture(["check", "-q", "-f", "json", "--state", fixture("state.vpp1.txt"), fixture(trace)]);
      expect(summary(run.stdout), trace).toMatchObject({ packets: 10, conforming: 10 });
      expect(run.code).toBe(0);
    }
  });

  it("gives the egress-deny scenario's TCP packets `conforms`, their drop explained by the ACL rule", async () => {
    const run = await runCliCapture(["check", "-q", "-f", "json", "--state", fixture("state.vpp1.txt"), fixture("10-pod-to-pod-same-node-denied-by-egress-acl.vpp1.txt")]);
    const packets = JSON.parse(run.stdout).packets as { verdict: string; scenario?: string }[];
    expect(packets.filter((p) => p.scenario?.startsWith("pod-to-pod")).map((p) => p.verdict)).toEqual(["conforms", "conforms", "conforms"]);
  });

  it("checks two nodes' capture files, each packet against its own node's state", async () => {
    const a = captureFile("02-pod-to-pod-other-node.vpp1.txt", "state.vpp1.txt", "vpp1.txt");
    const b = captureFile("02-pod-to-pod-other-node.vpp2.txt", "state.vpp2.txt", "vpp2.txt");
    const run = await runCliCapture(["check", "-q", "-f", "json", a, b]);
    expect(summary(run.stdout)).toMatchObject({ packets: 20, conforming: 20 });
    const placed = new Set((JSON.parse(run.stdout).packets as { placement: { scenario: string; k8sNode: string; role: string } }[]).map((p) => `${p.placement.scenario} ${p.placement.k8sNode} ${p.placement.role}`));
    expect(placed).toEqual(new Set(["pod-to-pod-other-node vpp1 client-node", "pod-to-pod-other-node vpp2 server-node"]));
    // Each packet's two halves, the one sent into the tunnel and the one received from it, paired.
    const flows = JSON.parse(run.stdout).flows as { direction: string; sent: number; received: number; ttlSent: number; ttlReceived: number }[];
    expect(flows.length).toBe(10);
    expect(flows.every((f) => f.sent <= 10 !== f.received <= 10 && f.ttlSent === f.ttlReceived)).toBe(true);
  });

  it("names the mapping a moved service's packets contradict, with the dump's file and line", async () => {
    const moved = join(tmp, "moved.txt");
    writeFileSync(moved, readFileSync(fixture("state.vpp1.txt"), "utf8").replace("TCP local 10.1.1.3:8080 external 10.96.0.10:80", "TCP local 10.1.1.4:8080 external 10.96.0.10:80"));
    const run = await runCliCapture(["check", "-q", "--state", moved, fixture("06-pod-to-service-backend-same-node.vpp1.txt")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/nat44-ed-out2in-slowpath should translate the destination 10\.96\.0\.10:80 to 10\.1\.1\.4:8080: .*static mappings: TCP 10\.1\.1\.4:8080 external 10\.96\.0\.10:80 out2in-only \(.*moved\.txt:\d+\)/);
  });

  it("finds a deny the state's ACL rules do not give, naming the rule that should decide", async () => {
    const changed = join(tmp, "acl.txt");
    writeFileSync(changed, readFileSync(fixture("state.vpp1.txt"), "utf8").replace("0: ipv4 deny src 0.0.0.0/0 dst 0.0.0.0/0 proto 6 sport 0-65535 dport 9999", "0: ipv4 deny src 0.0.0.0/0 dst 0.0.0.0/0 proto 6 sport 0-65535 dport 9998"));
    const run = await runCliCapture(["check", "-q", "-f", "json", "--state", changed, fixture("10-pod-to-pod-same-node-denied-by-egress-acl.vpp1.txt")]);
    const findings = (JSON.parse(run.stdout).packets as { findings: { rule: string; expected: string; actual: string; message: string }[] }[]).flatMap((p) => p.findings);
    expect(findings).toContainEqual(expect.objectContaining({ rule: "acl-action", expected: "action 1, 2 or 3 (permit)", actual: "action 0 (deny), acl 1 rule 0" }));
  });

  it("shows each path's first packet's verdict on the state (paths --state)", async () => {
    const run = await runCliCapture(["paths", "-f", "json", "--state", fixture("state.vpp1.txt"), fixture("05-pod-to-internet-snat-on-uplink.vpp1.txt")]);
    expect(run.code).toBe(0);
    const paths = JSON.parse(run.stdout).paths as { verdict?: string; scenario?: string }[];
    expect(paths.length).toBe(5);
    expect(paths.map((p) => p.verdict)).toEqual(Array(5).fill("conforms"));
    expect(paths[0].scenario).toBe("pod-to-external response on state.vpp1");
  });

  it("refuses a state file that holds no state, in one line with exit 2", async () => {
    const run = await runCliCapture(["check", "--state", fixture("02-pod-to-pod-other-node.vpp1.txt"), fixture("02-pod-to-pod-other-node.vpp1.txt")]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/02-pod-to-pod-other-node\.vpp1\.txt:1:1: error: no state in it/);
  });

  it("refuses --cluster with --state", async () => {
    const run = await runCliCapture(["check", "--cluster", "samples/cluster.yaml", "--state", fixture("state.vpp1.txt"), fixture("02-pod-to-pod-other-node.vpp1.txt")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--cluster and --state/);
  });
});

describe("expect --state --explain", () => {
  it("names the FIB entry, the mapping and the ACL rule behind each hop", async () => {
    const run = await runCliCapture(["expect", "--state", `vpp1=${fixture("state.vpp1.txt")}`, "--flow", "tcp 10.1.1.2:40000 -> 10.96.0.10:80", "--explain"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/acl 0 rule 0 permits and reflects .*state\.vpp1\.txt:\d+\)/);
    expect(run.stdout).toMatch(/a new session from show nat44 static mappings: TCP 10\.1\.1\.3:8080 external 10\.96\.0\.10:80 out2in-only/);
    expect(run.stdout).toMatch(/fib 10\.1\.1\.3\/32 via 10\.1\.1\.3 host-lv1b \(show ip fib: /);
  });
});

describe("expect --state --format json", () => {
  it("validates against the expect schema, the deciding ACL rule among the hop's values", async () => {
    const { validateAgainst } = await import("../../src/schemas/index.js");
    const run = await runCliCapture(["expect", "--state", fixture("state.vpp1.txt"), "--flow", "tcp 10.1.1.2:40000 -> 10.1.1.3:9999", "-f", "json"]);
    const doc = JSON.parse(run.stdout);
    expect(validateAgainst("expect", doc)).toEqual([]);
    expect(doc.paths[0].hops.find((h: { node: string }) => h.node === "acl-plugin-out-ip4-fa").expect.aclRule).toEqual({ acl: 1, rule: 0 });
  });
});
