import { describe, expect, it } from "vitest";
import { ContivDataPlane, loadCluster } from "../../src/dataplanes/contiv/index.js";
import { expectPaths, parseFlow, PlacementError, UnknownChoiceError } from "../../src/forwarder/index.js";
import { alignPath } from "../../src/match/align.js";
import type { Endpoint } from "../../src/model/expectation.js";
import { GUIDE } from "./guide.js";
import { samplePacket, sampleText } from "../helpers.js";

const plane = new ContivDataPlane(loadCluster(sampleText("cluster.yaml"), "cluster.yaml"));

const endpointOf = (text?: string): Endpoint | undefined => (text === undefined ? undefined : { ip: text.split(":")[0], port: Number(text.split(":")[1]) });
const required = (hops: { node: string; optional: boolean }[]): string[] => hops.filter((h) => !h.optional).map((h) => h.node);

describe("the reference forwarder against the guide's traces", () => {
  for (const g of GUIDE) {
    for (const direction of ["request", "response"] as const) {
      it(`${g.scenario} ${direction}: the walk matches the guide's trace node by node on every node`, () => {
        const expected = expectPaths(plane, parseFlow(g.flow), { direction, endpoint: endpointOf(g.endpoint) });
        expect(expected.scenario).toBe(g.scenario);
        expect(expected.paths.map((p) => p.k8sNode)).toEqual(Object.keys(g.samples[direction]));
        for (const path of expected.paths) {
          const packet = samplePacket(g.samples[direction][path.k8sNode]);
          const alignment = alignPath(packet.records, path.hops);
          expect(alignment.divergence).toBeUndefined();
          // every record fills a hop, and every required hop is filled
          expect(alignment.hops.every((h) => h !== undefined)).toBe(true);
          expect(path.hops.filter((h) => !h.optional).every((h) => alignment.hops.includes(h))).toBe(true);
          // every hop says what configuration made it
          expect(path.hops.every((h) => h.why.length > 0 && h.why.every((w) => w.length > 0))).toBe(true);
        }
      });
    }
  }

  it.each(["request", "response"] as const)("host-to-service %s: VPP sees exactly the host-to-pod path", (direction) => {
    const viaService = new ContivDataPlane(loadCluster(`${sampleText("cluster.yaml")}\n`.replace("services:\n", "services:\n  - { vip: 10.100.0.1, port: 80, endpoints: ['10.1.1.6:8080'] }\n"), "c"));
    const expected = expectPaths(viaService, parseFlow("tcp 172.30.1.2:32966 -> 10.1.1.6:8080"), { direction });
    expect(expected).toMatchObject({ scenario: "host-to-service", endpoint: { ip: "10.1.1.6", port: 8080 } });
    const packet = samplePacket(direction === "request" ? "host-to-pod-request.txt" : "host-to-pod-response.txt");
    expect(alignPath(packet.records, expected.paths[0].hops).divergence).toBeUndefined();
  });

  it.each(["request", "response"] as const)("pod-to-internet %s: source NAT to the node IP on the GbE, and back", (direction) => {
    const expected = expectPaths(plane, parseFlow("tcp 10.1.1.3:40000 -> 93.184.216.34:443"), { direction, snatPort: 61000 });
    const path = expected.paths[0];
    expect(expected.scenario).toBe("pod-to-internet");
    if (direction === "request") {
      expect(required(path.hops)).toEqual(["virtio-input", "ethernet-input", "ip4-input", "acl-plugin-in-ip4-fa", "nat44-out2in", "ip4-lookup", "ip4-rewrite", "acl-plugin-out-ip4-fa", "nat44-in2out-output", "GigabitEthernet0/8/0-output"]);
      expect(path.hops.find((h) => h.node === "nat44-in2out-output")?.expect.nat).toMatchObject({ session: "session", translate: { field: "src", from: "10.1.1.3:40000", to: "192.168.16.1:61000" } });
      expect(expected.outcome).toBe("leaves the cluster from k8s-master by GigabitEthernet0/8/0");
    } else {
      expect(required(path.hops)).toEqual(["dpdk-input", "ip4-input", "acl-plugin-in-ip4-fa", "nat44-out2in", "ip4-lookup", "ip4-rewrite", "acl-plugin-out-ip4-fa", "tap2-output"]);
      expect(path.hops.find((h) => h.node === "nat44-out2in")?.expect.nat).toMatchObject({ session: "session", translate: { field: "dst", from: "192.168.16.1:61000", to: "10.1.1.3:40000" } });
      expect(path.hops.find((h) => h.node === "acl-plugin-out-ip4-fa")?.expect.aclActions).toEqual([3]);
    }
  });

  it("asks which endpoint when a service has several, and refuses what the configuration cannot place", () => {
    expect(() => expectPaths(plane, parseFlow("tcp 10.1.1.3:1 -> 10.104.221.85:80"), { direction: "request" })).toThrow(UnknownChoiceError);
    expect(() => expectPaths(plane, parseFlow("tcp 10.1.1.3:1 -> 10.104.221.85:80"), { direction: "request" })).toThrow(/has 2 endpoints \(10\.1\.1\.5:8080, 10\.20\.0\.2:8080\); say which one/);
    expect(() => expectPaths(plane, parseFlow("tcp 8.8.8.8:1 -> 9.9.9.9:80"), { direction: "request" })).toThrow(/which node the packet enters is not known/);
    // From outside straight to a pod: the node that holds it receives it (no NAT on the way).
    expect(expectPaths(plane, parseFlow("tcp 8.8.8.8:1 -> 10.1.1.3:80"), { direction: "request" }).outcome).toBe("is delivered on k8s-master to pod client-svc 10.1.1.3 by tap2");
    expect(() => expectPaths(plane, parseFlow("tcp 10.1.1.3:1 -> 10.1.9.3:80"), { direction: "request" })).toThrow(/node id 9 of Contiv's address plan, which the cluster file does not describe/);
    expect(() => expectPaths(plane, parseFlow("tcp 10.1.1.3:1 -> 10.1.1.9:80"), { direction: "response", phase: "open" })).toThrow(PlacementError);
  });
});
