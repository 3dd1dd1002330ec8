import { describe, expect, it } from "vitest";
import { ContivDataPlane, defaultCluster, loadCluster } from "../../src/dataplanes/contiv/index.js";
import { describeMatch, Matcher } from "../../src/match/index.js";
import type { Packet } from "../../src/model/trace.js";
import { headerViews } from "../../src/trace/headers.js";
import { parseTrace } from "../../src/trace/index.js";
import { sampleText } from "../helpers.js";
import { GUIDE } from "../forwarder/guide.js";

const plane = new ContivDataPlane(loadCluster(sampleText("cluster.yaml"), "cluster.yaml"));

function matchAll(matcher: Matcher, packets: Packet[]) {
  for (const p of packets) matcher.learn(p, headerViews(p));
  return packets.map((p) => matcher.match(p, headerViews(p)));
}

describe("placing captured packets", () => {
  it("places every guide packet in its connection, direction and node, aligned without divergence", () => {
    const names = GUIDE.flatMap((g) => (["request", "response"] as const).flatMap((d) => Object.values(g.samples[d])));
    const packets = names.flatMap((name, i) => parseTrace(sampleText(name), { file: name, firstIndex: i + 1 }).packets);
    const matches = matchAll(new Matcher(plane), packets);
    const got = matches.map((m, i) => `${packets[i].file}: ${describeMatch(m)}`);
    const want = GUIDE.flatMap((g) => (["request", "response"] as const).flatMap((d) => Object.entries(g.samples[d]).map(([node, name]) => `${name}: ${g.scenario} ${d} on ${node}`)));
    expect(got.map((l) => l.replace(/ \((?:client|server)-node\)$/, ""))).toEqual(want);
    for (const m of matches) expect(m.kind === "placed" && m.expectation.alignment.divergence).toBe(undefined);
  });

  it("anchors relative TTLs on what the capture shows entering", () => {
    const [packet] = parseTrace(sampleText("pod-to-pod-other-node-request-server-node.txt")).packets;
    const m = new Matcher(plane).match(packet, headerViews(packet));
    expect(m.kind === "placed" && m.expectation.ttlBasis).toEqual({ entered: 64, arrived: 253 });
  });

  it("leaves a packet unchecked, with the reason, rather than guess", () => {
    const text = "00:00:01:000000: virtio-input\n  virtio: hw_if_index 1 next-index 4 vring 0 len 74\n00:00:01:000001: ip4-input\n  ICMP: 10.1.1.3 -> 10.1.1.4\n    tos 0x00, ttl 64, length 60, checksum 0x0000\n    fragment id 0x0000\n  ICMP echo_request checksum 0x0\n";
    const [packet] = parseTrace(text).packets;
    expect(new Matcher(plane).match(packet, headerViews(packet))).toEqual({ kind: "unplaced", reason: "the trace shows no TCP or UDP header" });
    const [host] = parseTrace(sampleText("pod-to-host-request.txt")).packets;
    expect(new Matcher(new ContivDataPlane(defaultCluster())).match(host, headerViews(host))).toEqual({
      kind: "unplaced",
      reason: "10.20.0.2 is outside Contiv's address plan: a host address or the Internet? Describe the cluster (--cluster)",
    });
  });

  it("a cluster file that does not say where a private address is leaves its packets unchecked, naming what is missing", () => {
    const withoutHostIps = sampleText("cluster.yaml").replace("    hostIps: [10.20.0.2]\n", "").replace(', "10.20.0.2:8080"]', "]");
    const noHostIps = new ContivDataPlane(loadCluster(withoutHostIps, "no-host-ips.yaml"));
    const [host] = parseTrace(sampleText("pod-to-host-request.txt")).packets;
    expect(new Matcher(noHostIps).match(host, headerViews(host))).toEqual({
      kind: "unplaced",
      reason: "the cluster file does not say where 10.20.0.2 is: a host IP of a node (nodes[].hostIps) or a network outside the cluster (externalNetworks)?",
    });
    // said to be outside the cluster, it is: the model sends it out of the GbE, and the trace shows otherwise
    const outside = new ContivDataPlane(loadCluster(`${withoutHostIps}\nexternalNetworks: [10.20.0.0/16]\n`, "outside.yaml"));
    const m = new Matcher(outside).match(host, headerViews(host));
    expect(m.kind === "placed" && m.expectation.scenario).toBe("pod-to-internet");
  });

  it("knows a later packet of a connection is the client's once its SYN was seen, and expects the sessions it left", () => {
    const syn = sampleText("pod-to-pod-same-node-request.txt");
    const ack = syn.replace("flags 0x02 SYN", "flags 0x10 ACK").replace("flags 0x02 SYN", "flags 0x10 ACK");
    const packets = parseTrace(`${syn}\n${ack}`).packets;
    const matches = matchAll(new Matcher(plane), packets);
    expect(matches.map(describeMatch)).toEqual(["pod-to-pod-same-node request on k8s-master", "pod-to-pod-same-node request (established) on k8s-master"]);
    const acl = matches[1].kind === "placed" ? matches[1].expectation.path.hops.filter((h) => h.expect.aclActions).map((h) => h.expect.aclActions) : [];
    expect(acl).toEqual([[3], [3]]);
  });
});

describe("sharing one walk between connections that differ in the client's port", () => {
  it("rebinds what names the client to each packet's own port", async () => {
    const { rewriteTrace } = await import("../support/rewrite-trace.js");
    // A pod's request to the Internet, source-NATed on the GbE: the translation names the client.
    const internet = rewriteTrace(sampleText("pod-to-host-request.txt"), { addresses: { "10.20.0.2": "93.184.216.34" } });
    const other = rewriteTrace(internet, { ports: { 54252: 61111 } });
    const packets = parseTrace(`${internet}\n${other}`).packets;
    const matcher = new Matcher(plane);
    const snat = packets.map((p) => {
      const m = matcher.match(p, headerViews(p));
      return m.kind === "placed" ? m.expectation.path.hops.find((h) => h.node === "nat44-in2out-output")?.expect.nat?.translate : undefined;
    });
    expect(snat).toEqual([
      { field: "src", from: "10.1.1.3:54252", to: "192.168.16.1:*" },
      { field: "src", from: "10.1.1.3:61111", to: "192.168.16.1:*" },
    ]);
  });
});
