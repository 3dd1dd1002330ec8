import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { brief, findings, inject } from "./fault.js";

const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");

describe("egress", () => {
  it.each(sampleFiles())("finds nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), ["egress"], cluster)).toEqual([]);
  });

  it("reports a host-bound packet that leaves by a pod TAP instead of tap0", () => {
    const text = inject("pod-to-host-request.txt", ["ipv4 via 172.30.1.2 tap0:", "ipv4 via 172.30.1.2 tap9:"]);
    expect(findings(text, ["egress"], cluster).map(brief)).toEqual(["egress@29: tap0 / tap9"]);
  });

  it("compares tx_sw_if_index where the cluster file gives the pod's", () => {
    const text = inject("pod-to-pod-same-node-request.txt", ["tx_sw_if_index 11 dpo-idx 12", "tx_sw_if_index 12 dpo-idx 12"]);
    expect(findings(text, ["egress"], cluster).map(brief)).toEqual(["egress@31: tx_sw_if_index 11 / tx_sw_if_index 12"]);
  });
});
