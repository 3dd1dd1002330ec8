import { describe, expect, it } from "vitest";
import { validateAgainst } from "../../src/schemas/index.js";
import { runCliCapture, sampleFiles } from "../helpers.js";

describe("vpptrace expect", () => {
  it("prints the expected path per node, and JSON that validates against its schema", async () => {
    const text = await runCliCapture(["expect", "--cluster", "samples/cluster.yaml", "--flow", "tcp 10.1.1.3:49710 -> 10.97.193.160:80"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("pod-to-service-other-node request: TCP 10.1.1.3:49710 -> 10.97.193.160:80 (endpoint 10.1.2.4:8080)");
    expect(text.stdout).toMatch(/k8s-master \(client-node\)[\s\S]*nat44-out2in\s+│ tap2 \(pod client-svc 10\.1\.1\.3\)\s+│ session ≥0: dst 10\.97\.193\.160:80 → 10\.1\.2\.4:8080/);
    expect(text.stdout).toMatch(/k8s-worker1 \(server-node\)[\s\S]*tap3-output\s+│ tap3 \(pod nginx-2 10\.1\.2\.4\)\s+│ ttl T−2, out tap3 \(sw_if_index 7\)/);
    const json = await runCliCapture(["expect", "-c", "samples/cluster.yaml", "--flow", "tcp 10.1.1.3:49710 -> 10.97.193.160:80", "--direction", "response", "-f", "json"]);
    const doc = JSON.parse(json.stdout);
    expect(validateAgainst("expect", doc)).toEqual([]);
    expect(doc).toMatchObject({ scenario: "pod-to-service-other-node", direction: "response", paths: [{ k8sNode: "k8s-worker1", role: "server-node" }, { k8sNode: "k8s-master", role: "client-node" }] });
  });

  it("answers a bad flow, an ambiguous service and an invalid cluster with exit 2", async () => {
    expect(await runCliCapture(["expect", "--flow", "10.1.1.3 -> x"])).toMatchObject({ code: 2, stderr: expect.stringContaining("is not a flow: expected 'tcp 10.1.1.3:49710 -> 10.97.193.160:80', 'udp A:p > B:q' or 'icmp") });
    expect(await runCliCapture(["expect", "-c", "samples/cluster.yaml", "--flow", "tcp 10.1.1.3:1 -> 10.104.221.85:80"])).toMatchObject({ code: 2, stderr: expect.stringContaining("say which one served the connection") });
    const chosen = await runCliCapture(["expect", "-c", "samples/cluster.yaml", "--flow", "tcp 10.1.1.3:1 -> 10.104.221.85:80", "--endpoint", "10.20.0.2:8080"]);
    expect(chosen.stdout).toContain("pod-to-service-host request");
    const invalid = await runCliCapture(["expect", "-c", "samples/README.md", "--flow", "tcp 10.1.1.3:1 -> 10.1.1.4:80"]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("invalid cluster description");
  });
});

describe("vpptrace expect on flows the guide does not narrate", () => {
  it("walks them, and --explain names the configuration behind each hop", async () => {
    const run = await runCliCapture(["expect", "-c", "samples/cluster.yaml", "--flow", "tcp 10.1.1.3:40000 -> 172.30.2.2:22", "--explain"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("pod-to-host-other-node request: TCP 10.1.1.3:40000 -> 172.30.2.2:22");
    expect(run.stdout).toContain("the packet is delivered on k8s-worker1 to host stack of k8s-worker1 by tap0");
    expect(run.stdout).toContain("fib 172.30.2.0/24 via 192.168.30.2 loop0 (the host interconnect of k8s-worker1, via its loop0)");
    expect(run.stdout).toContain("static L2 FIB entry for k8s-worker1's loop0 (vxlanFibEntry)");
    const gateway = await runCliCapture(["expect", "-c", "samples/cluster.yaml", "--flow", "tcp 10.1.1.3:40000 -> 10.1.1.1:80", "-f", "json"]);
    const doc = JSON.parse(gateway.stdout);
    expect(validateAgainst("expect", doc)).toEqual([]);
    expect(doc.outcome).toMatch(/^is dropped on k8s-master: fib 10\.1\.1\.0\/24 drop/);
  });

  it("answers invalid flows and what the cluster file does not describe with exit 2 and the reason", async () => {
    expect(await runCliCapture(["expect", "--flow", "tcp 10.1.1.3:99999 -> 10.1.1.4:80"])).toMatchObject({ code: 2, stderr: expect.stringContaining("port 99999 is outside 1–65535") });
    expect(await runCliCapture(["expect", "--flow", "tcp 300.1.1.1:1 -> 10.1.1.4:80"])).toMatchObject({ code: 2, stderr: expect.stringContaining("an octet is over 255") });
    expect(await runCliCapture(["expect", "-c", "samples/cluster.yaml", "--flow", "tcp 10.1.1.3:1 -> 10.1.9.3:80"])).toMatchObject({ code: 2, stderr: expect.stringContaining("10.1.9.3 belongs to node id 9 of Contiv's address plan, which the cluster file does not describe") });
    expect(await runCliCapture(["expect", "--flow", "tcp 10.1.1.3:1 -> 10.1.1.4:80", "--ttl", "300"])).toMatchObject({ code: 2, stderr: expect.stringContaining("'300' is not a TTL") });
    expect(await runCliCapture(["expect", "-c", "samples/cluster.yaml", "--flow", "tcp 10.1.1.3:1 -> 10.104.221.85:80", "--endpoint", "10.1.1.9:8080"])).toMatchObject({ code: 2, stderr: expect.stringContaining("10.1.1.9:8080 is not an endpoint of 10.104.221.85:80 (its endpoints: 10.1.1.5:8080, 10.20.0.2:8080)") });
  });
});

describe("vpptrace scenarios", () => {
  it("lists the nine scenarios with a line each", async () => {
    const run = await runCliCapture(["scenarios"]);
    expect(run.stdout.trimEnd().split("\n").map((l) => l.split(/\s+/)[0])).toEqual([
      "pod-to-pod-same-node", "pod-to-pod-other-node", "pod-to-host", "host-to-pod", "pod-to-internet",
      "pod-to-service-same-node", "pod-to-service-other-node", "pod-to-service-host", "host-to-service",
    ]);
  });
});

describe("vpptrace check --cluster", () => {
  it("classifies every sample packet, shows it, pairs the cross-node captures and exits 0", async () => {
    const run = await runCliCapture(["check", "--cluster", "samples/cluster.yaml", ...sampleFiles().map((f) => `samples/${f}`), "samples/cluster.yaml"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("ok   [9] SYN (samples/pod-to-pod-same-node-request.txt:1) pod-to-pod-same-node request on k8s-master: conforms");
    expect(run.stdout).toContain("ok   [6] SYN from the server's node (samples/pod-to-pod-other-node-request-server-node.txt:1) pod-to-pod-other-node request on k8s-worker1 (server-node): conforms");
    expect(run.stdout).not.toContain("unclassified");
    expect(run.stdout.match(/^flow \[/gm)).toHaveLength(4);
  });
});

describe("vpptrace expect --flow: pings and the forms vpptrace prints", () => {
  it("walks a ping to a pod on the same node and to one on the other node, through the ACLs", async () => {
    const same = await runCliCapture(["expect", "-c", "samples/cluster.yaml", "-f", "json", "--flow", "icmp 10.1.1.12 -> 10.1.1.9"]);
    expect(same.code).toBe(0);
    const doc = JSON.parse(same.stdout);
    expect(doc).toMatchObject({ scenario: "pod-to-pod-same-node", flow: { proto: "ICMP", src: { ip: "10.1.1.12", port: 1 }, dst: { ip: "10.1.1.9", port: 1 } } });
    expect(doc.paths.map((p: { k8sNode: string }) => p.k8sNode)).toEqual(["k8s-master"]);
    const other = await runCliCapture(["expect", "-c", "samples/cluster.yaml", "--flow", "icmp 10.1.1.12 -> 10.1.2.13 id 4321", "-d", "response"]);
    expect(other.code).toBe(0);
    expect(other.stdout).toContain("pod-to-pod-other-node response: ICMP echo 10.1.1.12 -> 10.1.2.13 id 4321");
    expect(other.stdout).toContain("action 3 (session hit)");
  });

  it("takes diff's 'A:p > B:q' and parse's 'A:p → B:q' as it takes 'A:p -> B:q'", async () => {
    const arrow = await runCliCapture(["expect", "-f", "json", "--flow", "tcp 10.1.1.12:39820 -> 10.1.1.9:8080"]);
    for (const flow of ["tcp 10.1.1.12:39820 > 10.1.1.9:8080", "tcp 10.1.1.12:39820 → 10.1.1.9:8080"]) {
      expect((await runCliCapture(["expect", "-f", "json", "--flow", flow])).stdout).toBe(arrow.stdout);
    }
  });

  it("refuses a ping with ports, saying an ICMP flow has none", async () => {
    const run = await runCliCapture(["expect", "--flow", "icmp 10.1.1.12:5 -> 10.1.1.9"]);
    expect(run).toMatchObject({ code: 2, stderr: "vpptrace: '10.1.1.12:5' is not an IPv4 address, e.g. 10.1.1.5 (an ICMP flow has no ports)\n" });
  });
});
