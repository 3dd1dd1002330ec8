import { describe, expect, it, vi } from "vitest";
import { MAX_CLUSTER_BYTES } from "../../../src/dataplanes/contiv/errors.js";
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
      name: "a", id: 3, ip: "192.168.16.3", hostIps: [], podSubnet: "10.1.3.0/24", podGateway: "10.1.3.1",
      tap0Ip: "172.30.3.1", vpp1Ip: "172.30.3.2", loop0Ip: "192.168.30.3", loop0Mac: "1a:2b:3c:4d:5e:03", hostTap: "tap0",
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
      "c.yaml:1:23: /nodes/0/id: must be >= 1, found 0",
      'c.yaml:2:13: /pods/0/ip: "10.1.1.300" is not an IPv4 address such as 10.1.1.3',
    ]);
  });

  it("rejects an unknown key and suggests the nearest valid one", () => {
    expect(problems("nodes: [{name: a, id: 1, hostIp: [10.20.0.2]}]\n")).toEqual(["c.yaml:1:26: /nodes/0: unknown key 'hostIp'; did you mean 'hostIps'?"]);
    expect(problems("nodes: [{name: a, id: 1}]\nglobalACL: true\n")).toEqual(["c.yaml:2:1: /: unknown key 'globalACL'; did you mean 'globalAcl'?"]);
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
      "c.yaml:3:10: /pods/0/ip: 10.1.2.5 is outside the pod subnet 10.1.1.0/24 of node 'a'",
      "c.yaml:5:10: /pods/2/ip: two entries share the pod IP 10.1.1.7 (also /pods/1/ip)",
      "c.yaml:6:52: /services/0/endpoints/0: 8.8.8.8 is neither a pod nor a host IP of any node",
    ]);
  });

  it("reports YAML syntax errors with line and column", () => {
    expect(problems("nodes:\n  - name: a\n   id: 1\n")[0]).toMatch(/^c\.yaml:3:\d+: not valid YAML or JSON/);
    expect(problems("nodes: [{name: a, id: 1}]\n---\nnodes: []\n")).toEqual(["c.yaml:2:1: not valid YAML or JSON: a second document (after ---); a cluster description is one"]);
  });
});

describe("cluster description: what a hostile or careless file gets", () => {
  const node = "nodes: [{name: a, id: 1}]\n";

  it("refuses an empty file, a file of comments, 'nodes: []' and a file without nodes: it describes no node", () => {
    const none = "the cluster file describes no node: expected nodes: [{name: …, id: …}, …]";
    expect(problems("")).toEqual([`c.yaml:1:1: ${none}`]);
    expect(problems("# nothing yet\n")).toEqual([`c.yaml:1:1: ${none}`]);
    expect(problems("nodes: []\n")).toEqual([`c.yaml:1:8: ${none}`]);
    expect(problems("globalAcl: false\n")).toEqual([`c.yaml:1:1: ${none}`]);
  });

  it("refuses numbers out of range, Infinity (1e400) among them, with the value found", () => {
    expect(problems(`${node}pods: [{ip: 10.1.1.3, swIfIndex: 1e400}]\n`)).toEqual(["c.yaml:2:34: /pods/0/swIfIndex: must be <= 4294967294, found Infinity"]);
    expect(problems(`${node}pods: [{ip: 10.1.1.3, swIfIndex: .nan}]\n`)[0]).toBe("c.yaml:2:34: /pods/0/swIfIndex: must be integer, found NaN");
    expect(problems(`${node}services: [{vip: 10.96.0.10, port: 99999, endpoints: ['10.1.1.3:80']}]\n`)).toEqual(["c.yaml:2:36: /services/0/port: must be <= 65535, found 99999"]);
    expect(problems(`${node}services: [{vip: 10.96.0.10, port: 80, endpoints: ['10.1.1.3:99999', '10.1.1.3:0', '10.1.1.3:065535']}]\n`)).toEqual([
      'c.yaml:2:52: /services/0/endpoints/0: "10.1.1.3:99999" is not ip:port (port 1 to 65535) such as 10.1.1.5:8080',
      'c.yaml:2:70: /services/0/endpoints/1: "10.1.1.3:0" is not ip:port (port 1 to 65535) such as 10.1.1.5:8080',
      'c.yaml:2:84: /services/0/endpoints/2: "10.1.1.3:065535" is not ip:port (port 1 to 65535) such as 10.1.1.5:8080',
    ]);
    expect(problems(`${node}pods: [{ip: 10.1.1.3}]\nservices: [{vip: 10.96.0.10, port: 80, endpoints: ['10.1.1.3:65535']}]\n`)).toEqual([]);
    expect(problems(`${node}ipam: {vxlanPort: 70000, vxlanVni: 16777216, bridgeDomain: 4294967296, podSubnetOneNodePrefixLen: .inf}\n`)).toEqual([
      "c.yaml:2:99: /ipam/podSubnetOneNodePrefixLen: must be <= 30, found Infinity",
      "c.yaml:2:36: /ipam/vxlanVni: must be <= 16777215, found 16777216",
      "c.yaml:2:19: /ipam/vxlanPort: must be <= 65535, found 70000",
      "c.yaml:2:60: /ipam/bridgeDomain: must be <= 16777215, found 4294967296",
    ]);
  });

  it("stops an alias bomb with one located line", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) bomb.push(`${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(9).fill(`*${"abcdefghi"[i - 1]}`).join(", ")}]`);
    expect(problems(`${node}${bomb.join("\n")}\n`)).toEqual(["c.yaml:3:8: the YAML aliases expand to too many nodes (more than 100, as an alias bomb does); a cluster description needs none"]);
  });

  it("turns an unresolved tag into a located error, not a Node warning", () => {
    const warn = vi.spyOn(process, "emitWarning");
    try {
      expect(problems(`${node}globalAcl: !foo true\n`)).toEqual(["c.yaml:2:12: Unresolved tag: !foo: a cluster description uses no YAML tags"]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it("refuses a key that is a collection without a Node warning or a console line", () => {
    const emitted = vi.spyOn(process, "emitWarning");
    const printed = vi.spyOn(console, "warn");
    try {
      expect(problems(`${node}? [a, b]\n: 1\n`)).not.toEqual([]);
      expect(emitted).not.toHaveBeenCalled();
      expect(printed).not.toHaveBeenCalled();
    } finally {
      emitted.mockRestore();
      printed.mockRestore();
    }
  });

  it("refuses nesting deeper than 64 levels at the level that goes too deep, flow or block", () => {
    expect(problems(`${node}pods: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`)).toEqual(["c.yaml:2:70: the YAML nests deeper than 64 levels; a cluster description nests four"]);
    const block = Array.from({ length: 100 }, (_, i) => `${" ".repeat(i)}- `).join("\n");
    expect(problems(`${node}pods:\n${block}x\n`)).toEqual(["c.yaml:66:64: the YAML nests deeper than 64 levels; a cluster description nests four"]);
  }, 60_000);

  it("cuts a 1 MB key at 80 characters", () => {
    const key = "k".repeat(1 << 20);
    expect(problems(`{"nodes": [{"name": "a", "id": 1}], "${key}": 1}`)).toEqual([`c.yaml:1:37: /: unknown key '${"k".repeat(80)}…'; expected one of ipam, nodes, pods, services, policies, externalNetworks, globalAcl, natExternalTraffic`]);
    // As a YAML block key, the parser refuses it first, without quoting it.
    expect(problems(`${node}${key}: 1\n`)).toEqual(["c.yaml:2:1: not valid YAML or JSON: The : indicator must be at most 1024 chars after the start of an implicit block mapping key"]);
  }, 60_000);

  it("lists the first 20 of 30 000 problems and counts the rest", () => {
    const text = `${node}pods:\n${"  - {ip: 10.1.1.300}\n".repeat(30_000)}`;
    const list = problems(text);
    expect(list).toHaveLength(21);
    expect(list[0]).toBe('c.yaml:3:10: /pods/0/ip: "10.1.1.300" is not an IPv4 address such as 10.1.1.3');
    expect(list[19]).toBe('c.yaml:22:10: /pods/19/ip: "10.1.1.300" is not an IPv4 address such as 10.1.1.3');
    expect(list[20]).toBe("… and 29980 more problems");
  }, 60_000);

  it("refuses a text over 4 MB before reading it as YAML", () => {
    const text = `${node}# ${"x".repeat(MAX_CLUSTER_BYTES)}\n`;
    expect(problems(text)).toEqual([`c.yaml:1:1: the cluster file holds more than 4 MB (4194304 bytes), the most read: ${text.length} bytes; a cluster description is a few KB`]);
  }, 60_000);
});
