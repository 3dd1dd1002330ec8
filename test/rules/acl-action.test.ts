import { describe, expect, it } from "vitest";
import { sampleFiles, sampleText } from "../helpers.js";
import { findings, inject } from "./fault.js";

const denyThenDrop = (): string => {
  const text = inject("pod-to-pod-same-node-request.txt", ["sw_if_index 11, next index 1, action: 1, match: acl 0 rule 0", "sw_if_index 11, next index 0, action: 0, match: acl 0 rule 4"]);
  return text.replace(/01:48:51:257016: tap8-output[\s\S]*$/, "01:48:51:257016: error-drop\n  acl-plugin-out-ip4-fa: ACL deny packets\n");
};

describe("acl-action", () => {
  it.each(sampleFiles())("finds nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), ["acl-action"])).toEqual([]);
  });

  it("reports an egress ACL deny followed by error-drop once, with the ACL and rule", () => {
    const found = findings(denyThenDrop());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: "acl-action", severity: "error", node: "acl-plugin-out-ip4-fa", line: 35, expected: "action 1, 2 or 3 (permit)", actual: "action 0 (deny), acl 0 rule 4" });
    expect(found[0].message).toBe("the egress ACL on sw_if_index 11 denied the packet by acl 0 rule 4, and it was dropped");
  });

  it("reports a drop right after a permitting ACL, naming that ACL", () => {
    const text = sampleText("pod-to-pod-same-node-request.txt").replace(/01:48:51:257016: tap8-output[\s\S]*$/, "01:48:51:257016: error-drop\n  rx:tap8\n");
    const found = findings(text, ["acl-action"]);
    expect(found.map((f) => [f.line, f.node, f.actual])).toEqual([[39, "error-drop", "error-drop after action 1 (permit), acl 0 rule 0"]]);
  });
});
