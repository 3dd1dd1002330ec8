import { describe, expect, it } from "vitest";
import { ClusterError, loadCluster } from "../../../src/dataplanes/contiv/index.js";
import { addressRole } from "../../../src/dataplanes/contiv/index.js";
import { sampleText } from "../../helpers.js";

const problems = (text: string): string[] => {
  try {
    loadCluster(text, "c.yaml");
  } catch (error) {
    if (error instanceof ClusterError) return error.problems;
    throw error;
  }
  return [];
};

describe("cluster description", () => {
  it("fills Contiv's defaults for an almost empty file", () => {
    const cluster = loadCluster("nodes: [{name: a, id: 3}]\n");
    expect(cluster.nodes[0]).toEqual({
      name: "a", id: 3, mainInterface: "GigabitEthernet0/8/0", ip: "192.168.16.3", hostIps: [], podSubnet: "10.1.3.0/24", podGateway: "10.1.3.1",
      tap0Ip: "172.30.3.1", vpp1Ip: "172.30.3.2", loop0Ip: "192.168.30.3", loop0Mac: "1a:2b:3c:4d:5e:03",
    });
    expect(cluster.ipam).toMatchObject({ serviceCIDR: "10.96.0.0/12", vxlanVni: 10, vxlanPort: 4789, bridgeDomain: 1, podMac: "00:00:00:00:00:02", tap0Mac: "01:23:45:67:89:42" });
    expect(cluster).toMatchObject({ globalAcl: true, natExternalTraffic: true, described: true });
  });

  it("loads the guide's cluster and places its addresses", () => {
    const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");
    expect(cluster.services.map((s) => [s.vip, s.endpoints.length])).toEqual([["10.104.221.85", 2], ["10.97.193.160", 1]]);
    expect(addressRole(cluster, "10.1.2.4")).toMatchObject({ kind: "pod", node: { name: "k8s-worker1" }, pod: { tap: "tap3" } });
    expect(addressRole(cluster, "10.20.0.2")).toMatchObject({ kind: "host", node: { name: "k8s-master" } });
    expect(addressRole(cluster, "172.30.1.2")).toMatchObject({ kind: "host", node: { id: 1 } });
    expect(addressRole(cluster, "192.168.16.2")).toMatchObject({ kind: "vpp", what: "node IP", node: { name: "k8s-worker1" } });
    expect(addressRole(cluster, "10.1.1.1")).toMatchObject({ kind: "gateway", what: "virtual pod gateway", node: { name: "k8s-master" } });
    expect(addressRole(cluster, "10.104.221.85")).toMatchObject({ kind: "vip", service: { port: 80 } });
    expect(addressRole(cluster, "8.8.8.8")).toEqual({ kind: "external" });
  });

  it("reports schema violations with their JSON path and what was expected", () => {
    expect(problems("nodes: [{name: a, id: 0}]\npods: [{ip: 10.1.1.300}]\n")).toEqual([
      "c.yaml: /nodes/0/id: must be >= 1",
      'c.yaml: /pods/0/ip: "10.1.1.300" is not an IPv4 address such as 10.1.1.3',
    ]);
  });

  it("rejects an unknown key and suggests the nearest valid one", () => {
    expect(problems("nodes: [{name: a, id: 1, hostIp: [10.20.0.2]}]\n")).toEqual(["c.yaml: /nodes/0: unknown key 'hostIp'; did you mean 'hostIps'?"]);
    expect(problems("globalACL: true\n")).toEqual(["c.yaml: /: unknown key 'globalACL'; did you mean 'globalAcl'?"]);
  });

  it("rejects a cluster that contradicts itself", () => {
    const text = [
      "nodes: [{name: a, id: 1}, {name: b, id: 2}]",
      "pods:",
      "  - {ip: 10.1.2.5, node: a}",
      "  - {ip: 10.1.1.7}",
      "  - {ip: 10.1.1.7}",
      "services: [{vip: 10.96.0.10, port: 53, endpoints: ['8.8.8.8:53']}]",
    ].join("\n");
    expect(problems(text)).toEqual([
      "c.yaml: /pods/0/ip: 10.1.2.5 is outside the pod subnet 10.1.1.0/24 of node 'a'",
      "c.yaml: /pods/*/ip: two entries share the pod IP 10.1.1.7",
      "c.yaml: /services/0/endpoints/0: 8.8.8.8 is neither a pod nor a host IP of any node",
    ]);
  });

  it("reports YAML syntax errors with line and column", () => {
    expect(problems("nodes:\n  - name: a\n   id: 1\n")[0]).toMatch(/^c\.yaml:3:\d+: not valid YAML or JSON/);
  });
});
