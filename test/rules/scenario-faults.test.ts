import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { brief, findings, inject } from "./fault.js";

const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");

describe("scenario rules on faulty copies of the guide's traces", () => {
  it.each(sampleFiles())("find nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), undefined, cluster)).toEqual([]);
  });

  it("a service request whose nat44-out2in shows session -1: the translation is missing", () => {
    const found = findings(inject("pod-to-service-same-node-request.txt", ["session index 5", "session index -1"]), undefined, cluster);
    expect(found.filter((f) => f.rule === "nat-session").map(brief)).toEqual(["nat-session@18: session ≥ 0 / session -1"]);
    expect(found.find((f) => f.rule === "nat-session")?.message).toBe("nat44-out2in should translate 10.104.221.85:80 in the pod-to-service-same-node request: static mapping 10.104.221.85:80 → 10.1.1.5:8080 | 10.20.0.2:8080 (service nginx)");
    expect(new Set(found.map((f) => f.rule))).toEqual(new Set(["nat-session", "nat-translation"]));
  });

  it("a response that goes out the wrong TAP", () => {
    const text = inject("pod-to-pod-same-node-response.txt", ["ipv4 via 10.1.1.12 tap11:", "ipv4 via 10.1.1.12 tap4:"], ["tap11-output\n  tap11", "tap4-output\n  tap4"]);
    expect(findings(text, undefined, cluster).map(brief)).toEqual(["egress@33: tap11 / tap4", "egress@41: tap11 / tap4"]);
  });

  it("a cross-node request that misses the VXLAN encapsulation", () => {
    const text = inject("pod-to-pod-other-node-request-client-node.txt", ["04:26:22:973921: vxlan4-encap\n  VXLAN encap to vxlan_tunnel0 vni 10\n", ""]);
    const found = findings(text, undefined, cluster);
    expect(found.map(brief)).toEqual(["path@70: vxlan4-encap / ip4-load-balance"]);
    expect(found[0].message).toBe("the pod-to-pod-other-node request on the client-node should go through vxlan4-encap (VXLAN tunnel to 192.168.16.2) after l2-output, not ip4-load-balance — Contiv's VXLAN tunnel 192.168.16.1 → 192.168.16.2, VNI 10, UDP 4789");
  });

  it("a response whose egress ACL shows action 1 instead of the session hit 3", () => {
    const text = inject("pod-to-pod-same-node-response.txt", ["action: 3, match: acl -1 rule 170 trace_bits 80000000", "action: 1, match: acl 0 rule 0 trace_bits 00000000"]);
    const found = findings(text, undefined, cluster);
    expect(found.map(brief)).toEqual(["acl-action@37: action 3 / action 1, acl 0 rule 0"]);
    expect(found[0].message).toBe("acl-plugin-out-ip4-fa on tap11 (pod client 10.1.1.12) should let the packet through on the reflected session (action 3) in the pod-to-pod-same-node response: policy ACL of pod client 10.1.1.12: a session of this connection exists on the interface");
  });

  it("a TTL the scenario does not expect: the server node receives the inner packet at 64", () => {
    const text = inject("pod-to-pod-other-node-request-server-node.txt", ["tos 0x00, ttl 63, length 60, checksum 0xf402\n    fragment id 0x309f, flags DONT_FRAGMENT\n  TCP: 60996 -> 8080\n    seq. 0xd26ce551 ack 0x00000000\n    flags 0x02 SYN, tcp header: 40 bytes\n    window 29200, checksum 0x2337\n04:24:37:730782: acl", "tos 0x00, ttl 64, length 60, checksum 0xf302\n    fragment id 0x309f, flags DONT_FRAGMENT\n  TCP: 60996 -> 8080\n    seq. 0xd26ce551 ack 0x00000000\n    flags 0x02 SYN, tcp header: 40 bytes\n    window 29200, checksum 0x2337\n04:24:37:730782: acl"]);
    expect(findings(text, ["ttl-decrement"], cluster).map(brief)).toEqual(["ttl-decrement@49: ttl 63 / ttl 64", "ttl-decrement@65: ttl 64 / ttl 63"]);
  });

  it("an output ACL on another sw_if_index than the cluster file gives the pod's TAP", () => {
    const text = inject("pod-to-pod-same-node-request.txt", ["acl-plugin: sw_if_index 11, next index 1, action: 1", "acl-plugin: sw_if_index 5, next index 1, action: 1"]);
    expect(findings(text, ["acl-action", "ingress"], cluster).map(brief)).toEqual(["acl-action@35: sw_if_index 11 / sw_if_index 5"]);
  });

  it("an input ACL on another sw_if_index than the client's TAP: the packet entered elsewhere (ingress)", () => {
    const text = inject("pod-to-pod-same-node-request.txt", ["acl-plugin: sw_if_index 7, next index 1, action: 2", "acl-plugin: sw_if_index 5, next index 1, action: 2"]);
    expect(findings(text, ["acl-action", "ingress"], cluster).map(brief)).toEqual(["ingress@16: sw_if_index 7 / sw_if_index 5"]);
  });
});
