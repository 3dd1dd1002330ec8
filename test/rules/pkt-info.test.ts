import { describe, expect, it } from "vitest";
import { sampleFiles, sampleText } from "../helpers.js";
import { brief, findings, inject } from "./fault.js";

describe("pkt-info", () => {
  it.each(sampleFiles())("finds nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), ["pkt-info"])).toEqual([]);
  });

  it("reports pkt info words that pack another source port than the ACL's 5-tuple line", () => {
    const text = inject("pod-to-pod-same-node-request.txt", ["000700061f909b8c", "000700061f909b8d"]);
    expect(findings(text).map(brief)).toEqual(["pkt-info@16: proto 6 10.1.1.12:39820 -> 10.1.1.9:8080 / proto 6 10.1.1.12:39821 -> 10.1.1.9:8080"]);
  });

  it("reports an ACL that evaluated another 5-tuple than the packet header", () => {
    const text = inject(
      "pod-to-pod-same-node-request.txt",
      ["0901010a00000000 000700061f909b8c", "0801010a00000000 000700061f909b8c"],
      ["input sw_if_index 7 (lsb16 7) l3 ip4 10.1.1.12 -> 10.1.1.9", "input sw_if_index 7 (lsb16 7) l3 ip4 10.1.1.12 -> 10.1.1.8"],
    );
    expect(findings(text).map(brief)).toEqual(["pkt-info@16: proto 6 10.1.1.12:39820 -> 10.1.1.9:8080 / proto 6 10.1.1.12:39820 -> 10.1.1.8:8080"]);
  });
});
