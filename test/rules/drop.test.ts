import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { brief, findings, truncate } from "./fault.js";

const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");

describe("drop", () => {
  it.each(sampleFiles())("finds nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), ["drop"])).toEqual([]);
  });

  it("reports a truncated packet at its last record", () => {
    const found = findings(truncate("pod-to-pod-same-node-request.txt", 34), ["drop"], cluster);
    expect(found.map((f) => `${f.severity} ${brief(f)}`)).toEqual(["error drop@31: an -output/-tx node or local delivery / trace ends at ip4-rewrite"]);
  });

  const dropped = () => sampleText("pod-to-host-request.txt").replace(/01:00:22:301839: tap0-output[\s\S]*$/, "01:00:22:301839: error-drop\n  ip4-input: ip4 ttl <= 1\n");

  it("reports a packet that reached error-drop, with the counter's reason", () => {
    const found = findings(dropped(), ["drop"], cluster);
    expect(found.map((f) => `${f.severity} ${brief(f)}`)).toEqual(["error drop@37: the packet is forwarded / dropped (ip4-input: ip4 ttl <= 1)"]);
  });

  it("without a model of where the packet should have gone, says what VPP did for information, not as a violation", () => {
    for (const text of [dropped(), truncate("pod-to-pod-same-node-request.txt", 34)]) {
      const found = findings(text, ["drop"]);
      expect(found.map((f) => f.severity)).toEqual(["info"]);
      expect(found[0].message).toMatch(/\(no model says where it should have gone: not judged\)$/);
    }
  });
});
