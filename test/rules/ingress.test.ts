import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { renumberedCluster, renumberedSample } from "../support/renumbered-cluster.js";
import { rewriteTrace } from "../support/rewrite-trace.js";
import { brief, findings } from "./fault.js";

const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");

describe("ingress", () => {
  it.each(sampleFiles())("finds nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), ["ingress"], cluster)).toEqual([]);
  });

  it.each(sampleFiles())("finds nothing wrong in %s renumbered into another cluster", (name) => {
    expect(findings(renumberedSample(name), ["ingress"], renumberedCluster)).toEqual([]);
  });

  const INVALID: [string, string, Map<number, number>, string[]][] = [
    [
      "a host-to-pod SYN whose ACL and NAT records name the client pod's TAP (sw_if_index 7), not tap0",
      "host-to-pod-request.txt",
      new Map([[2, 7]]),
      ["ingress@14: the sw_if_index of tap0 (host stack of k8s-master) / sw_if_index 7 (tap11 (pod client 10.1.1.12))", "ingress@18: the sw_if_index of tap0 (host stack of k8s-master) / sw_if_index 7 (tap11 (pod client 10.1.1.12))", "ingress@20: the sw_if_index of tap0 (host stack of k8s-master) / sw_if_index 7 (tap11 (pod client 10.1.1.12))"],
    ],
    [
      "a pod's SYN whose records name another pod's TAP (tap2, sw_if_index 6) than the client's",
      "pod-to-pod-same-node-request.txt",
      new Map([[7, 6]]),
      ["ingress@16: sw_if_index 7 / sw_if_index 6", "ingress@20: sw_if_index 7 / sw_if_index 6"],
    ],
  ];

  it.each(INVALID)("reports %s", (_, sample, swIfIndex, want) => {
    const text = rewriteTrace(sampleText(sample), { swIfIndex, hwIfIndex: swIfIndex, where: (r) => r.fields.acl?.direction !== "out" && r.fields.nat?.output !== true && r.fields.rewrite === undefined });
    expect(findings(text, ["ingress"], cluster).map(brief)).toEqual(want);
  });

  it("names the interface the cluster file gives the index", () => {
    const text = rewriteTrace(sampleText("host-to-pod-request.txt"), { swIfIndex: new Map([[2, 7]]), where: (r) => r.fields.acl?.direction === "in" });
    expect(findings(text, ["ingress"], cluster)[0].message).toBe("the host-to-pod request should enter by tap0 (host stack of k8s-master), but acl-plugin-in-ip4-fa names sw_if_index 7, which the cluster description gives tap11 (pod client 10.1.1.12)");
  });
});
