import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { brief, findings, inject, truncate } from "./fault.js";

const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");

describe("path", () => {
  it.each(sampleFiles())("finds nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), ["path"], cluster)).toEqual([]);
  });

  it("reports an unexpected node where the scenario has another", () => {
    const text = inject("pod-to-pod-same-node-request.txt", ["01:48:51:257002: nat44-out2in\n  NAT44_OUT2IN: sw_if_index 7, next index 1, session index -1\n", ""]);
    expect(findings(text, ["path"], cluster).map(brief)).toEqual(["path@20: nat44-out2in / ip4-lookup"]);
  });

  it("reports a trace that ends before a required node", () => {
    expect(findings(truncate("pod-to-pod-same-node-request.txt", 34), ["path"], cluster).map(brief)).toEqual(["path@31: acl-plugin-out-ip4-fa / trace ends at ip4-rewrite"]);
  });
});
