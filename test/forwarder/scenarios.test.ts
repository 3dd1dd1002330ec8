import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { alignPath } from "../../src/forwarder/align.js";
import { classifyPackets } from "../../src/forwarder/classify.js";
import { expectPaths, parseFlow, PlacementError } from "../../src/forwarder/index.js";
import type { Direction, Scenario } from "../../src/model/expectation.js";
import { parseTrace } from "../../src/trace/index.js";
import { samplePacket, sampleText } from "../helpers.js";

const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");

/** Each scenario of the guide with the flow of its sample, and the sample per node. */
const GUIDE: { scenario: Scenario; flow: string; endpoint?: string; samples: Record<Direction, Record<string, string>> }[] = [
  { scenario: "pod-to-pod-same-node", flow: "tcp 10.1.1.12:39820 -> 10.1.1.9:8080", samples: { request: { "k8s-master": "pod-to-pod-same-node-request.txt" }, response: { "k8s-master": "pod-to-pod-same-node-response.txt" } } },
  {
    scenario: "pod-to-pod-other-node",
    flow: "tcp 10.1.1.12:60996 -> 10.1.2.13:8080",
    samples: {
      request: { "k8s-master": "pod-to-pod-other-node-request-client-node.txt", "k8s-worker1": "pod-to-pod-other-node-request-server-node.txt" },
      response: { "k8s-worker1": "pod-to-pod-other-node-response-server-node.txt", "k8s-master": "pod-to-pod-other-node-response-client-node.txt" },
    },
  },
  { scenario: "pod-to-host", flow: "tcp 10.1.1.3:54252 -> 10.20.0.2:8080", samples: { request: { "k8s-master": "pod-to-host-request.txt" }, response: { "k8s-master": "pod-to-host-response.txt" } } },
  { scenario: "host-to-pod", flow: "tcp 172.30.1.2:32966 -> 10.1.1.6:8080", samples: { request: { "k8s-master": "host-to-pod-request.txt" }, response: { "k8s-master": "host-to-pod-response.txt" } } },
  { scenario: "pod-to-service-same-node", flow: "tcp 10.1.1.3:51082 -> 10.104.221.85:80", endpoint: "10.1.1.5:8080", samples: { request: { "k8s-master": "pod-to-service-same-node-request.txt" }, response: { "k8s-master": "pod-to-service-same-node-response.txt" } } },
  {
    scenario: "pod-to-service-other-node",
    flow: "tcp 10.1.1.3:49710 -> 10.97.193.160:80",
    samples: {
      request: { "k8s-master": "pod-to-service-other-node-request-client-node.txt", "k8s-worker1": "pod-to-service-other-node-request-server-node.txt" },
      response: { "k8s-worker1": "pod-to-service-other-node-response-server-node.txt", "k8s-master": "pod-to-service-other-node-response-client-node.txt" },
    },
  },
  { scenario: "pod-to-service-host", flow: "tcp 10.1.1.3:46310 -> 10.104.221.85:80", endpoint: "10.20.0.2:8080", samples: { request: { "k8s-master": "pod-to-service-host-request.txt" }, response: { "k8s-master": "pod-to-service-host-response.txt" } } },
];

const endpointOf = (text?: string) => (text === undefined ? undefined : { ip: text.split(":")[0], port: Number(text.split(":")[1]) });

describe("the reference forwarder against the guide's traces", () => {
  for (const g of GUIDE) {
    for (const direction of ["request", "response"] as const) {
      it(`${g.scenario} ${direction}: the expected path matches the guide's trace node by node on every node`, () => {
        const expected = expectPaths(cluster, parseFlow(g.flow), direction, endpointOf(g.endpoint));
        expect(expected.scenario).toBe(g.scenario);
        expect(expected.paths.map((p) => p.k8sNode)).toEqual(Object.keys(g.samples[direction]));
        for (const path of expected.paths) {
          const packet = samplePacket(g.samples[direction][path.k8sNode]);
          const alignment = alignPath(packet.records, path.hops);
          expect(alignment.divergence).toBeUndefined();
          // every record fills a hop, and every required hop is filled
          expect(alignment.hops.every((h) => h !== undefined)).toBe(true);
          expect(path.hops.filter((h) => !h.optional).every((h) => alignment.hops.includes(h))).toBe(true);
        }
      });
    }
  }

  it.each(["request", "response"] as const)("host-to-service %s: VPP sees exactly the host-to-pod path", (direction) => {
    const viaService = loadCluster(`${sampleText("cluster.yaml")}\n`.replace("services:\n", "services:\n  - { vip: 10.100.0.1, port: 80, endpoints: ['10.1.1.6:8080'] }\n"), "c");
    const expected = expectPaths(viaService, parseFlow("tcp 172.30.1.2:32966 -> 10.100.0.1:80"), direction);
    expect(expected).toMatchObject({ scenario: "host-to-service", endpoint: { ip: "10.1.1.6", port: 8080 } });
    const packet = samplePacket(direction === "request" ? "host-to-pod-request.txt" : "host-to-pod-response.txt");
    expect(alignPath(packet.records, expected.paths[0].hops).divergence).toBeUndefined();
  });

  it.each(["request", "response"] as const)("pod-to-internet %s: modelled from the guide's text on SNAT", (direction) => {
    const expected = expectPaths(cluster, parseFlow("tcp 10.1.1.3:40000 -> 93.184.216.34:443"), direction);
    const path = expected.paths[0];
    expect(expected.scenario).toBe("pod-to-internet");
    const required = path.hops.filter((h) => !h.optional).map((h) => h.node);
    if (direction === "request") {
      expect(required).toEqual(["virtio-input", "ethernet-input", "ip4-input", "acl-plugin-in-ip4-fa", "nat44-out2in", "ip4-lookup", "ip4-rewrite", "acl-plugin-out-ip4-fa", "nat44-in2out-output", "GigabitEthernet0/8/0-output"]);
      expect(path.hops.find((h) => h.node === "nat44-in2out-output")?.expect.nat).toEqual({ stage: "gbe-snat", session: "session", translate: { field: "src", from: "10.1.1.3", to: "192.168.16.1" } });
    } else {
      expect(required).toEqual(["dpdk-input", "ip4-input", "acl-plugin-in-ip4-fa", "nat44-out2in", "ip4-lookup", "ip4-rewrite", "acl-plugin-out-ip4-fa", "tap2-output"]);
      expect(path.hops.find((h) => h.node === "acl-plugin-out-ip4-fa")?.expect.aclAction).toBe(3);
    }
  });

  it("asks which endpoint when a service has several, and refuses what the guide does not describe", () => {
    expect(() => expectPaths(cluster, parseFlow("tcp 10.1.1.3:1 -> 10.104.221.85:80"), "request")).toThrow(/has 2 endpoints \(10\.1\.1\.5:8080, 10\.20\.0\.2:8080\); say which one/);
    expect(() => expectPaths(cluster, parseFlow("tcp 8.8.8.8:1 -> 10.1.1.3:80"), "request")).toThrow(PlacementError);
  });
});

describe("scenario classification", () => {
  it("places every guide packet in its scenario, direction and node", () => {
    const packets = GUIDE.flatMap((g) => (["request", "response"] as const).flatMap((d) => Object.values(g.samples[d]))).flatMap((name, i) => parseTrace(sampleText(name), { file: name, firstIndex: i + 1 }).packets);
    const got = classifyPackets(cluster, packets).map((c, i) => (c.kind === "classified" ? `${packets[i].file}: ${c.scenario} ${c.direction} ${c.k8sNode}` : `${packets[i].file}: ${c.reason}`));
    const want = GUIDE.flatMap((g) => (["request", "response"] as const).flatMap((d) => Object.entries(g.samples[d]).map(([node, name]) => `${name}: ${g.scenario} ${d} ${node}`)));
    expect(got).toEqual(want);
  });

  it("calls a packet unclassified, with the reason, rather than guess", () => {
    const text = "00:00:01:000000: virtio-input\n  virtio: hw_if_index 1 next-index 4 vring 0 len 74\n00:00:01:000001: ip4-input\n  UDP: 10.1.1.3 -> 10.1.1.4\n    tos 0x00, ttl 64, length 60, checksum 0x0000\n    fragment id 0x0000\n  UDP: 5000 -> 6000\n    length 40, checksum 0x0000\n";
    const [c] = classifyPackets(cluster, parseTrace(text).packets);
    expect(c).toEqual({ kind: "unclassified", reason: "no SYN, no service VIP and no request of this connection in the input: request or response?" });
  });
});
