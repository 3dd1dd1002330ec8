import { describe, expect, it } from "vitest";
import { sampleFiles, sampleText } from "../helpers.js";
import { brief, findings, truncate } from "./fault.js";

describe("drop", () => {
  it.each(sampleFiles())("finds nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), ["drop"])).toEqual([]);
  });

  it("reports a truncated packet at its last record", () => {
    expect(findings(truncate("pod-to-pod-same-node-request.txt", 34)).map(brief)).toEqual(["drop@31: an -output/-tx node or local delivery / trace ends at ip4-rewrite"]);
  });

  it("reports a packet that reached error-drop, with the counter's reason", () => {
    const text = sampleText("pod-to-host-request.txt").replace(/01:00:22:301839: tap0-output[\s\S]*$/, "01:00:22:301839: error-drop\n  ip4-input: ip4 ttl <= 1\n");
    const found = findings(text, ["drop"]);
    expect(found.map(brief)).toEqual(["drop@37: the packet is forwarded / dropped (ip4-input: ip4 ttl <= 1)"]);
  });
});
