import { describe, expect, it } from "vitest";
import { sampleFiles, sampleText } from "../helpers.js";
import { brief, findings, inject } from "./fault.js";

describe("hexdump", () => {
  it.each(sampleFiles())("finds nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), ["hexdump"])).toEqual([]);
  });

  it("reports a hex dump whose destination port disagrees with the printed header", () => {
    const text = inject("pod-to-pod-same-node-request.txt", ["01099b8c1f908c66", "01099b8c1f918c66"]);
    expect(findings(text).map(brief)).toEqual(["hexdump@31: dstPort 8080 / dstPort 8081"]);
  });

  it("reports a hex dump that does not start with the adjacency's rewrite string", () => {
    const text = inject("pod-to-pod-same-node-request.txt", ["00000000: 00000000000202fe167939cb", "00000000: 00000000000202fe167939cc"]);
    expect(findings(text, ["hexdump"]).map(brief)).toEqual(["hexdump@31: dump starting 00000000000202fe167939cb0800 / dump starting 00000000000202fe167939cc0800"]);
  });
});
