import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { brief, findings, inject } from "./fault.js";

const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");

describe("nat-translation", () => {
  it.each(sampleFiles())("finds nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), ["nat-translation"])).toEqual([]);
  });

  it("reports a NAT session (≥ 0) that left the address unchanged where the configuration has no identity mapping", () => {
    const text = inject("pod-to-pod-same-node-request.txt", ["session index -1", "session index 3"]);
    const found = findings(text, ["nat-translation"], cluster);
    expect(found.map(brief)).toEqual(["nat-translation@20: a translated address or port after session 3 / 10.1.1.12:39820 -> 10.1.1.9:8080 at ip4-lookup (line 24)"]);
    expect(found[0].message).toBe("nat44-out2in reports session 3, which is no identity mapping, but the packet was not translated");
  });

  it("without an expected path, cannot tell an unchanged session from an identity mapping, and says nothing", () => {
    const text = inject("pod-to-pod-same-node-request.txt", ["session index -1", "session index 3"]);
    expect(findings(text)).toEqual([]);
  });

  it("reports session -1 when the service VIP was translated anyway", () => {
    const text = inject("pod-to-service-same-node-request.txt", ["session index 5", "session index -1"]);
    expect(findings(text).map((f) => [f.rule, f.line, f.expected])).toEqual([["nat-translation", 18, "10.1.1.3:51082 -> 10.104.221.85:80 unchanged"]]);
  });

  it("accepts VXLAN identity-mapping sessions that leave the tunnel packet untranslated", () => {
    expect(findings(sampleText("pod-to-pod-other-node-request-server-node.txt"), ["nat-translation"])).toEqual([]);
  });
});
