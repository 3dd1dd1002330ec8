import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { brief, findings, inject } from "./fault.js";

const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");

describe("nat-session", () => {
  it.each(sampleFiles())("finds nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), ["nat-session"], cluster)).toEqual([]);
  });

  it("reports a service response that was not translated back to the VIP", () => {
    const text = inject("pod-to-service-same-node-response.txt", ["NAT44_IN2OUT_SLOW_PATH: sw_if_index 8, next index 0, session 5", "NAT44_IN2OUT_SLOW_PATH: sw_if_index 8, next index 0, session -1"]);
    expect(findings(text, ["nat-session"], cluster).map(brief)).toEqual(["nat-session@20: session ≥ 0 / session -1, -1"]);
  });

  it("reports a VIP translated to another endpoint than the one the path continues to", () => {
    const text = inject("pod-to-service-other-node-request-client-node.txt", ["TCP: 10.1.1.3 -> 10.1.2.4\n    tos 0x00, ttl 64, length 60, checksum 0x9a59\n    fragment id 0x895a, flags DONT_FRAGMENT\n  TCP: 49710 -> 8080\n    seq. 0x27c7a68b ack 0x00000000\n    flags 0x02 SYN, tcp header: 40 bytes\n    window 29200, checksum 0xdee3\n02:26:06:586668", "TCP: 10.1.1.3 -> 10.1.2.4\n    tos 0x00, ttl 64, length 60, checksum 0x9a59\n    fragment id 0x895a, flags DONT_FRAGMENT\n  TCP: 49710 -> 8081\n    seq. 0x27c7a68b ack 0x00000000\n    flags 0x02 SYN, tcp header: 40 bytes\n    window 29200, checksum 0xdee3\n02:26:06:586668"]);
    expect(findings(text, ["nat-session"], cluster).map(brief)).toEqual(["nat-session@20: dst 10.97.193.160:80 → 10.1.2.4:8080 / dst 10.97.193.160:80 → 10.1.2.4:8081"]);
  });

  it("reports a translation where the scenario has none (session ≥ 0 on a pod-to-pod request)", () => {
    const text = inject("pod-to-pod-same-node-request.txt", ["session index -1", "session index 9"]);
    expect(findings(text, ["nat-session"], cluster).map(brief)).toEqual(["nat-session@20: session -1 / session 9"]);
  });
});
