import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import type { NodeRecord, Packet } from "../../src/model/trace.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { renumberedCluster, renumberedSample } from "../support/renumbered-cluster.js";
import { rewriteTrace } from "../support/rewrite-trace.js";
import { brief, findings } from "./fault.js";

const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");

/** From ip4-rewrite on (the first one when `nth` is 0, the VXLAN outer one when 1): what the rewrite wrote. */
const fromRewrite = (nth = 0) => (record: NodeRecord, packet: Packet): boolean => {
  const rewrites = packet.records.flatMap((r, i) => (r.node === "ip4-rewrite" ? [i] : []));
  const at = packet.records.indexOf(record);
  return rewrites[nth] !== undefined && at >= rewrites[nth] && (rewrites[nth + 1] === undefined || at < rewrites[nth + 1]);
};

describe("rewrite-mac", () => {
  it.each(sampleFiles())("finds nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), ["rewrite-mac"], cluster)).toEqual([]);
  });

  it.each(sampleFiles())("finds nothing wrong in %s renumbered into another cluster (other pod and loop0 MACs)", (name) => {
    expect(findings(renumberedSample(name), ["rewrite-mac"], renumberedCluster)).toEqual([]);
  });

  const INVALID: [string, string, Record<string, string>, number, string[]][] = [
    ["a SYN rewritten to another MAC than the pod's static ARP entry", "pod-to-pod-same-node-request.txt", { "00:00:00:00:00:02": "00:00:00:00:00:03" }, 0, ["rewrite-mac@31: destination MAC 00:00:00:00:00:02 / destination MAC 00:00:00:00:00:03"]],
    ["a packet into the tunnel rewritten to another loop0 than the other node's", "pod-to-pod-other-node-request-client-node.txt", { "1a:2b:3c:4d:5e:02": "1a:2b:3c:4d:5e:07" }, 0, ["rewrite-mac@40: destination MAC 1a:2b:3c:4d:5e:02 / destination MAC 1a:2b:3c:4d:5e:07"]],
    ["a packet to the host sent from another MAC than tap0's", "pod-to-host-request.txt", { "01:23:45:67:89:42": "01:23:45:67:89:43" }, 0, ["rewrite-mac@29: source MAC 01:23:45:67:89:42 / source MAC 01:23:45:67:89:43"]],
  ];

  it.each(INVALID)("reports %s", (_, sample, macs, nth, want) => {
    const text = rewriteTrace(sampleText(sample), { macs, where: fromRewrite(nth) });
    const got = findings(text, ["rewrite-mac"], cluster);
    expect(got.map(brief)).toEqual(want);
    expect(got[0].message).toMatch(/should leave ip4-rewrite with (destination|source) MAC/);
  });

  it("cites the configuration item that gives the MAC", () => {
    const text = rewriteTrace(sampleText("pod-to-pod-same-node-request.txt"), { macs: { "00:00:00:00:00:02": "00:00:00:00:00:03" }, where: fromRewrite() });
    expect(findings(text, ["rewrite-mac"], cluster)[0].message).toBe("the pod-to-pod-same-node request should leave ip4-rewrite with destination MAC 00:00:00:00:00:02: 10.1.1.9 is 00:00:00:00:00:02 (static ARP for the pod (vppArpEntry): every pod has this MAC)");
  });
});
