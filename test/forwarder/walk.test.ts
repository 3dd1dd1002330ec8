import { describe, expect, it } from "vitest";
import { ContivDataPlane, defaultCluster, loadCluster } from "../../src/dataplanes/contiv/index.js";
import { expectPaths, FlowSyntaxError, parseFlow, UnknownChoiceError } from "../../src/forwarder/index.js";
import type { ExpectedHop, ExpectedPaths } from "../../src/model/expectation.js";
import { sampleText } from "../helpers.js";

const guide = sampleText("cluster.yaml");
const plane = new ContivDataPlane(loadCluster(guide, "cluster.yaml"));
const withServices = (extra: string) => new ContivDataPlane(loadCluster(guide.replace("services:\n", `services:\n${extra}\n`), "c.yaml"));
const nodes = (e: ExpectedPaths) => e.paths.map((p) => `${p.k8sNode} (${p.role})`);
const hop = (e: ExpectedPaths, node: string, name: string): ExpectedHop => {
  const found = e.paths.find((p) => p.k8sNode === node)?.hops.find((h) => h.node === name);
  if (found === undefined) throw new Error(`no ${name} on ${node}`);
  return found;
};
const lastRequired = (e: ExpectedPaths) => e.paths[e.paths.length - 1].hops.filter((h) => !h.optional).pop()!;

describe("flows the packet-flow guide does not narrate, walked on the configuration", () => {
  it("the host of one node to a pod on another: tap0 in, VXLAN across, the pod's TAP out", () => {
    const e = expectPaths(plane, parseFlow("tcp 172.30.1.2:32966 -> 10.1.2.13:8080"), { direction: "request" });
    expect(e.scenario).toBe("host-to-pod-other-node");
    expect(nodes(e)).toEqual(["k8s-master (client-node)", "k8s-worker1 (server-node)"]);
    expect(hop(e, "k8s-master", "ip4-rewrite").expect).toMatchObject({ egress: "loop0", via: "192.168.30.2" });
    expect(hop(e, "k8s-master", "vxlan4-encap").expect).toEqual({ vni: 10, tunnel: { src: "192.168.16.1", dst: "192.168.16.2", port: 4789 } });
    expect(lastRequired(e).node).toBe("tap12-output");
    expect(e.outcome).toBe("is delivered on k8s-worker1 to pod server-other-node 10.1.2.13 by tap12");
  });

  it("a pod to the other node's host stack: the route to its host interconnect via loop0, then tap0 there", () => {
    const e = expectPaths(plane, parseFlow("tcp 10.1.1.3:40000 -> 172.30.2.2:22"), { direction: "request" });
    expect(e.scenario).toBe("pod-to-host-other-node");
    expect(hop(e, "k8s-master", "ip4-lookup").why[0]).toBe("fib 172.30.2.0/24 via 192.168.30.2 loop0 (the host interconnect of k8s-worker1, via its loop0)");
    expect(lastRequired(e).node).toBe("tap0-output");
    expect(hop(e, "k8s-worker1", "ip4-rewrite").expect).toMatchObject({ egress: "tap0", via: "172.30.2.2" });
  });

  it("NodePort traffic from outside to a node IP is translated to an endpoint by the GbE's nat44-out2in", () => {
    const nodePort = withServices("  - { name: web, vip: 10.96.0.50, port: 80, endpoints: ['10.1.2.4:8080'], nodePort: 30080 }");
    const e = expectPaths(nodePort, parseFlow("tcp 203.0.113.5:5000 -> 192.168.16.2:30080"), { direction: "request" });
    expect(e.scenario).toBe("external-to-service");
    expect(nodes(e)).toEqual(["k8s-worker1 (node)"]);
    expect(hop(e, "k8s-worker1", "nat44-out2in").expect.nat).toMatchObject({ session: "session", translate: { field: "dst", from: "192.168.16.2:30080", to: "10.1.2.4:8080" } });
    expect(hop(e, "k8s-worker1", "nat44-out2in").why.join(" ")).toContain("NodePort 30080 of service web on k8s-worker1");
    expect(lastRequired(e).node).toBe("tap3-output");
  });

  it("a pod to its node's virtual gateway: no pod holds it, VPP drops it", () => {
    const e = expectPaths(plane, parseFlow("tcp 10.1.1.3:40000 -> 10.1.1.1:80"), { direction: "request" });
    expect(e.scenario).toBe("pod-to-gateway");
    const last = lastRequired(e);
    expect(last.node).toBe("error-drop");
    expect(last.expect.drop).toContain("the virtual pod gateway 10.1.1.1 is assigned to no interface");
    expect(e.outcome).toMatch(/^is dropped on k8s-master/);
    expect(e.paths[0].hops.some((h) => /^tap/.test(h.node) && h.node.endsWith("-output"))).toBe(false);
  });

  it("a service with an endpoint on each node: the chosen endpoint decides the path, and the walk asks which", () => {
    const both = withServices("  - { name: spread, vip: 10.96.0.60, port: 80, endpoints: ['10.1.1.5:8080', '10.1.2.4:8080'] }");
    const flow = parseFlow("tcp 10.1.1.3:40000 -> 10.96.0.60:80");
    expect(() => expectPaths(both, flow, { direction: "request" })).toThrow(UnknownChoiceError);
    const local = expectPaths(both, flow, { direction: "request", endpoint: { ip: "10.1.1.5", port: 8080 } });
    const remote = expectPaths(both, flow, { direction: "request", endpoint: { ip: "10.1.2.4", port: 8080 } });
    expect([local.scenario, remote.scenario]).toEqual(["pod-to-service-same-node", "pod-to-service-other-node"]);
    expect(hop(remote, "k8s-master", "nat44-out2in").expect.nat?.translate).toEqual({ field: "dst", from: "10.96.0.60:80", to: "10.1.2.4:8080", allowed: ["10.1.1.5:8080", "10.1.2.4:8080"] });
    expect(nodes(remote)).toEqual(["k8s-master (client-node)", "k8s-worker1 (server-node)"]);
  });

  it("refuses flows that are no flows", () => {
    expect(() => parseFlow("tcp 10.1.1.3:99999 -> 10.1.1.4:80")).toThrow(/port 99999 is outside 1–65535/);
    expect(() => parseFlow("tcp 300.1.1.1:1 -> 10.1.1.4:80")).toThrow(FlowSyntaxError);
    expect(() => parseFlow("tcp 300.1.1.1:1 -> 10.1.1.4:80")).toThrow(/an octet is over 255/);
  });
});

describe("values that follow from the configuration and from what entered", () => {
  it("expects TTLs relative to what entered: T at the pod's ip4-input, T−1 after the first node, T−2 after the second", () => {
    const e = expectPaths(plane, parseFlow("tcp 10.1.1.12:60996 -> 10.1.2.13:8080"), { direction: "request" });
    expect(hop(e, "k8s-master", "ip4-input").expect.ttl).toEqual({ basis: "entered", value: 0 });
    expect(hop(e, "k8s-master", "loop0-output").expect.ttl).toEqual({ basis: "entered", value: -1 });
    expect(hop(e, "k8s-worker1", "tap12-output").expect.ttl).toEqual({ basis: "entered", value: -2 });
    // the outer header: set by VXLAN encapsulation on the sender, as it arrived on the receiver
    expect(hop(e, "k8s-master", "GigabitEthernet0/8/0-output").expect.ttl).toEqual({ basis: "set", value: 253 });
    expect(hop(e, "k8s-worker1", "dpdk-input").expect.ttl).toEqual({ basis: "arrived", value: 0 });
  });

  it("takes the VXLAN port and VNI from the cluster's IPAM, for the tunnel and Contiv's identity mapping", () => {
    const custom = new ContivDataPlane(loadCluster(`ipam: { vxlanPort: 8472, vxlanVni: 77 }\n${guide}`, "c.yaml"));
    const e = expectPaths(custom, parseFlow("tcp 10.1.1.12:60996 -> 10.1.2.13:8080"), { direction: "request" });
    expect(hop(e, "k8s-master", "vxlan4-encap").expect).toEqual({ vni: 77, tunnel: { src: "192.168.16.1", dst: "192.168.16.2", port: 8472 } });
    expect(hop(e, "k8s-master", "nat44-in2out-output").expect.nat).toMatchObject({ session: "session", identity: true });
    expect(hop(e, "k8s-worker1", "nat44-out2in").expect.nat).toMatchObject({ session: "session", identity: true });
    expect(hop(e, "k8s-worker1", "vxlan4-input").expect.vni).toBe(77);
  });

  it("walks an established connection: every reflective ACL has its session (action 3), the GbE's global ACL still permits (1)", () => {
    const e = expectPaths(plane, parseFlow("tcp 10.1.1.12:60996 -> 10.1.2.13:8080"), { direction: "request", phase: "established" });
    const actions = e.paths.flatMap((p) => p.hops.filter((h) => h.expect.aclActions !== undefined).map((h) => `${p.k8sNode} ${h.node} ${h.at.split(" ")[0]} ${h.expect.aclActions!.join("|")}`));
    expect(actions).toEqual([
      "k8s-master acl-plugin-in-ip4-fa tap11 3",
      "k8s-master acl-plugin-out-ip4-fa loop0 3",
      "k8s-master acl-plugin-in-ip4-l2 loop0 3",
      "k8s-master acl-plugin-out-ip4-fa GigabitEthernet0/8/0 1",
      "k8s-worker1 acl-plugin-in-ip4-fa GigabitEthernet0/8/0 3",
      "k8s-worker1 acl-plugin-in-ip4-fa loop0 3",
      "k8s-worker1 acl-plugin-out-ip4-fa tap12 3",
    ]);
  });

  it("without a description, a pod's ACLs and NAT role are not known: the hops are optional or either form", () => {
    const e = expectPaths(new ContivDataPlane(defaultCluster()), parseFlow("tcp 10.1.1.12:39820 -> 10.1.1.9:8080"), { direction: "request" });
    expect(e.paths.map((p) => p.k8sNode)).toEqual(["node-1"]);
    const acl = hop(e, "node-1", "acl-plugin-in-ip4-fa");
    expect(acl.optional).toBe(true);
    expect(acl.why.join(" ")).toContain("is not described");
    expect(e.paths[0].hops.find((h) => h.node === "nat44-out2in")?.pattern).toBe("^nat44-(?:ei-|ed-)?(?:out2in|in2out)$");
  });
});
