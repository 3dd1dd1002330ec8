/**
 * Issue 12's cases: copies of the guide's captures with one realistic change each, every
 * encoding kept consistent (test/support/faults.ts), judged against what the configuration
 * says — the faults the hand-written itineraries missed are caught by the right rule, the
 * healthy variations they flagged conform; and the guide's captures renumbered into a
 * second cluster conform with the same labels, the same faults caught by the same rules.
 */
import { describe, expect, it } from "vitest";
import { ContivDataPlane, loadCluster } from "../../src/dataplanes/contiv/index.js";
import { checkPackets } from "../../src/rules/index.js";
import { parseTrace } from "../../src/trace/index.js";
import type { Cluster } from "../../src/dataplanes/contiv/cluster.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { withDnatEndpoint, withInnerTtl, withOuterArrivalTtl, withTcpFlags, withVni, withVxlanPeer, withVxlanPort } from "../support/faults.js";
import { guideCluster, renumberedCluster, renumberedSample } from "../support/renumbered-cluster.js";
import { rewriteTrace } from "../support/rewrite-trace.js";

/** A copy of the guide's cluster with one more service of two endpoints. */
const twoEndpoints = loadCluster(sampleText("cluster.yaml").replace("services:\n", "services:\n  - { name: pair, vip: 10.97.193.160, port: 80, endpoints: ['10.1.2.4:8080', '10.1.2.13:8080'] }\n").replace(/\n {2}- \{ name: nginx-other-node[^\n]*/, ""), "pair.yaml");

function check(text: string, cluster: Cluster) {
  const parsed = parseTrace(text, { file: "t.txt" });
  return checkPackets(parsed.packets, { plane: new ContivDataPlane(cluster) });
}
const rulesOf = (text: string, cluster: Cluster = guideCluster): string[] => [...new Set(check(text, cluster).findings.filter((f) => f.severity === "error").map((f) => f.rule))].sort();
const verdicts = (text: string, cluster: Cluster = guideCluster): string[] => check(text, cluster).packets.map((p) => p.verdict);

describe("faults the configuration walk catches", () => {
  it("a VXLAN packet with the wrong VNI: vxlan, on both nodes", () => {
    expect(rulesOf(withVni("pod-to-pod-other-node-request-client-node.txt", 11))).toEqual(["vxlan"]);
    expect(rulesOf(withVni("pod-to-pod-other-node-request-server-node.txt", 11))).toEqual(["vxlan"]);
  });

  it("VXLAN sent to a node that does not host the server: vxlan (outer destination), egress (loop0 next hop) and rewrite-mac (that loop0's MAC)", () => {
    const text = withVxlanPeer("pod-to-pod-other-node-request-client-node.txt", "192.168.16.3", { ip: "192.168.30.3", mac: "1a:2b:3c:4d:5e:03" });
    const found = check(text, guideCluster).findings;
    expect(found.map((f) => `${f.rule}: ${f.expected} / ${f.actual}`)).toEqual([
      "egress: via 192.168.30.2 / via 192.168.30.3",
      "rewrite-mac: destination MAC 1a:2b:3c:4d:5e:02 / destination MAC 1a:2b:3c:4d:5e:03",
      "vxlan: outer 192.168.16.1 -> 192.168.16.2:4789 / outer 192.168.16.1 -> 192.168.16.3:4789",
      "egress: via 192.168.16.2 / via 192.168.16.3",
    ]);
  });

  it("DNAT of a two-endpoint service to a pod that is none of its endpoints: nat-session", () => {
    const text = withDnatEndpoint("pod-to-service-other-node-request-client-node.txt", { ip: "10.1.2.77" });
    const found = check(text, twoEndpoints).findings;
    expect(found.map((f) => f.rule)).toEqual(["nat-session"]);
    expect(found[0]).toMatchObject({ expected: "dst 10.97.193.160:80 → 10.1.2.4:8080 | 10.1.2.13:8080", actual: "dst 10.97.193.160:80 → 10.1.2.77:8080" });
  });

  it("a non-SYN packet whose connection's SYN is in the same input: its ACL actions are the established connection's", () => {
    const syn = sampleText("pod-to-pod-same-node-request.txt");
    const ack = withTcpFlags("pod-to-pod-same-node-request.txt", "ACK");
    const result = check(`${syn}\n${ack}`, guideCluster);
    // the ACK was captured with the SYN's ACL verdicts (2 in, 1 out): wrong for a packet of an established connection
    expect(result.packets.map((p) => `${p.verdict} ${p.scenario}`)).toEqual(["conforms pod-to-pod-same-node request on k8s-master", "violates pod-to-pod-same-node request (established) on k8s-master"]);
    expect(result.findings.map((f) => `${f.rule}@${f.line}: ${f.expected} / ${f.actual}`)).toEqual(["acl-action@65: action 3 / action 2, acl 1 rule 0", "acl-action@84: action 3 / action 1, acl 0 rule 0"]);
  });

  it("a SYN-ACK sent out of the wrong interface, with its SYN in the same input: egress", () => {
    const synAck = sampleText("pod-to-pod-same-node-response.txt").replace("ipv4 via 10.1.1.12 tap11:", "ipv4 via 10.1.1.12 tap4:").replace("tap11-output\n  tap11", "tap4-output\n  tap4");
    expect(rulesOf(`${sampleText("pod-to-pod-same-node-request.txt")}\n${synAck}`)).toEqual(["egress"]);
  });
});

describe("healthy variations the configuration walk accepts", () => {
  it.each(sampleFiles())("a pod that sends with TTL 128 conforms: %s", (name) => {
    expect(verdicts(withInnerTtl(name, 128))).toEqual(["conforms"]);
  });

  it.each(sampleFiles().filter((f) => f.includes("other-node")))("VXLAN on UDP 8472 conforms where the cluster says vxlanPort 8472: %s", (name) => {
    const on8472 = loadCluster(`ipam: { vxlanPort: 8472 }\n${sampleText("cluster.yaml")}`, "8472.yaml");
    expect(verdicts(withVxlanPort(name, 8472), on8472)).toEqual(["conforms"]);
    // and does not where the cluster says the default 4789
    expect(verdicts(withVxlanPort(name, 8472))).toEqual(["violates"]);
  });

  it.each(sampleFiles().filter((f) => /other-node-(request-server|response-client)/.test(f)))("a routed underlay where the outer TTL arrives as 252 conforms: %s", (name) => {
    expect(verdicts(withOuterArrivalTtl(name, 252))).toEqual(["conforms"]);
  });
});

describe("a second cluster, renumbered throughout", () => {
  it("every guide capture rewritten into it conforms, with the same label", () => {
    const labels = (cluster: Cluster, text: (name: string) => string) =>
      sampleFiles().map((name) => {
        const [p] = check(text(name), cluster).packets;
        return `${p.verdict} ${p.scenario?.replace(/ on \S+/, "")}`;
      });
    const guide = labels(guideCluster, sampleText);
    expect(guide.every((l) => l.startsWith("conforms "))).toBe(true);
    expect(labels(renumberedCluster, renumberedSample)).toEqual(guide);
  });

  const FAULTS: [string, (text: string, renumbered: boolean) => string][] = [
    ["wrong VNI", (t) => withVni(t, 11)],
    ["VXLAN to another node", (t, r) => (r ? withVxlanPeer(t, "192.168.50.9", { ip: "192.168.60.9", mac: "1a:2b:3c:4d:5e:09" }) : withVxlanPeer(t, "192.168.16.9", { ip: "192.168.30.9", mac: "1a:2b:3c:4d:5e:09" }))],
    ["TTL 128", (t) => withInnerTtl(t, 128)],
  ];
  it.each(FAULTS)("%s is judged alike in both clusters", (_, build) => {
    const sample = "pod-to-pod-other-node-request-client-node.txt";
    expect(rulesOf(build(renumberedSample(sample), true), renumberedCluster)).toEqual(rulesOf(build(sampleText(sample), false)));
  });
});

describe("what the connection's history allows", () => {
  const syn = sampleText("pod-to-pod-same-node-request.txt");
  const refused = withTcpFlags("pod-to-pod-same-node-response.txt", "RST ACK");

  it("a server's reset in reply to a SYN meets no session on its TAP yet (action 2), with or without the SYN in the input", () => {
    expect(verdicts(`${syn}\n${refused}`)).toEqual(["conforms", "conforms"]);
    expect(verdicts(refused)).toEqual(["conforms"]);
  });

  it("a retransmitted SYN meets the session the first one made (action 3); a first SYN must not", () => {
    const again = rewriteTrace(syn, { literal: [{ from: "action: 2, match: acl 1 rule 0", to: "action: 3, match: acl -1 rule 4" }] });
    expect(verdicts(`${syn}\n${again}`)).toEqual(["conforms", "conforms"]);
    expect(rulesOf(again)).toEqual(["acl-action"]);
  });

  it("a client port reused towards another server is another connection: its reply is not the service's", () => {
    const service = [sampleText("pod-to-service-same-node-request.txt"), sampleText("pod-to-service-same-node-response.txt")];
    // The same client 10.1.1.3:51082, now straight to the pod 10.1.1.9:8080.
    const direct = rewriteTrace(sampleText("pod-to-pod-same-node-response.txt"), { addresses: { "10.1.1.12": "10.1.1.3" }, ports: { 39820: 51082 }, interfaces: { tap11: "tap2" }, swIfIndex: { 7: 6 } });
    expect(verdicts([...service, direct].join("\n"))).toEqual(["conforms", "conforms", "conforms"]);
  });

  it("a service request NAT did not translate is a nat-session violation, whichever endpoint NAT would have chosen", () => {
    const untranslated = rewriteTrace(sampleText("pod-to-service-same-node-request.txt"), {
      literal: [{ from: "session index 5", to: "session index -1" }],
      addresses: { "10.1.1.5": "10.104.221.85" },
      ports: (port, at) => (port === 8080 && at.role === "dst" ? 80 : port),
    });
    expect(rulesOf(untranslated)).toContain("nat-session");
  });
});

describe("what the description leaves open stays open", () => {
  it("without a cluster file, any NIC name will do: a cross-node capture on TenGigabitEthernet3/0/0 conforms", () => {
    const tenGig = rewriteTrace(sampleText("pod-to-pod-other-node-request-client-node.txt"), { interfaces: { "GigabitEthernet0/8/0": "TenGigabitEthernet3/0/0" } });
    const result = checkPackets(parseTrace(tenGig, { file: "t.txt" }).packets);
    expect(result.packets.map((p) => p.verdict)).toEqual(["conforms"]);
  });

  it("a pod reaching its own service endpoint is unchecked: Contiv's self-twice-NAT is not modelled", () => {
    const self = loadCluster(sampleText("cluster.yaml").replace("services:\n", "services:\n  - { name: me, vip: 10.96.0.50, port: 80, endpoints: ['10.1.1.12:8080'] }\n"), "self.yaml");
    const text = rewriteTrace(sampleText("pod-to-pod-same-node-request.txt"), { addresses: { "10.1.1.9": "10.96.0.50" }, ports: (port, at) => (port === 8080 && at.role === "dst" ? 80 : port) });
    const [p] = check(text, self).packets;
    expect(p.verdict).toBe("unchecked");
    expect(p.reason).toBe("10.1.1.12 reaches 10.96.0.50:80, whose chosen endpoint is itself: the self-twice-NAT that translates its source is not modelled");
  });

  it("invariants alone (--rule ip4-checksum) place no packet: a packet conforms when they hold", () => {
    const result = checkPackets(parseTrace(sampleText("pod-to-host-request.txt")).packets, { only: ["ip4-checksum"] });
    expect(result.packets.map((p) => p.verdict)).toEqual(["conforms"]);
    const placed = checkPackets(parseTrace(sampleText("pod-to-host-request.txt")).packets, { only: ["acl-action"] });
    expect(placed.packets.map((p) => p.verdict)).toEqual(["unchecked"]);
  });
});
