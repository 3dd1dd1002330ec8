import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { withVni, withVxlanPeer } from "../support/faults.js";
import { brief, findings } from "./fault.js";

const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");

describe("vxlan", () => {
  it.each(sampleFiles())("finds nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), ["vxlan"], cluster)).toEqual([]);
  });

  it("reports a tunnel with another VNI than the cluster's, where it is encapsulated and decapsulated", () => {
    expect(findings(withVni("pod-to-pod-other-node-request-client-node.txt", 11), ["vxlan"], cluster).map(brief)).toEqual(["vxlan@70: vni 10 / vni 11"]);
    const received = findings(withVni("pod-to-pod-other-node-request-server-node.txt", 11), ["vxlan"], cluster);
    expect(received.map(brief)).toEqual(["vxlan@43: vni 10 / vni 11"]);
    expect(received[0].message).toBe("vxlan4-input should use VNI 10: Contiv's VXLAN tunnel 192.168.16.2 → 192.168.16.1, VNI 10, UDP 4789");
  });

  it("reports an outer header towards a node the route does not lead to", () => {
    const text = withVxlanPeer("pod-to-pod-other-node-request-client-node.txt", "192.168.16.3", { ip: "192.168.30.3", mac: "1a:2b:3c:4d:5e:03" });
    const found = findings(text, ["vxlan"], cluster);
    expect(found.map(brief)).toEqual(["vxlan@72: outer 192.168.16.1 -> 192.168.16.2:4789 / outer 192.168.16.1 -> 192.168.16.3:4789"]);
    expect(found[0].message).toBe("the VXLAN outer header should go from 192.168.16.1 to 192.168.16.2 on UDP 4789: Contiv's VXLAN tunnel 192.168.16.1 → 192.168.16.2, VNI 10, UDP 4789");
  });
});
