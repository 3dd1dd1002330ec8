/**
 * Issue 26's cases: copies of the guide's captures with one realistic change each, every
 * encoding kept consistent (test/support/faults.ts, rewrite-trace.ts), that only the
 * connection's own earlier packets or the configuration's finer details can tell apart —
 * each caught by the rule that names what went wrong; and the healthy variants conform.
 */
import { describe, expect, it } from "vitest";
import { ContivDataPlane, loadCluster } from "../../src/dataplanes/contiv/index.js";
import type { Cluster } from "../../src/dataplanes/contiv/cluster.js";
import type { NodeRecord, Packet } from "../../src/model/trace.js";
import { checkPackets } from "../../src/rules/index.js";
import { parseTrace } from "../../src/trace/index.js";
import { sampleText } from "../helpers.js";
import { withDnatEndpoint, withTcpFlags } from "../support/faults.js";
import { guideCluster } from "../support/renumbered-cluster.js";
import { rewriteTrace } from "../support/rewrite-trace.js";

function check(text: string, cluster: Cluster = guideCluster) {
  return checkPackets(parseTrace(text, { file: "t.txt" }).packets, { plane: new ContivDataPlane(cluster) });
}
const verdicts = (text: string, cluster?: Cluster): string[] => check(text, cluster).packets.map((p) => `${p.verdict} ${p.scenario ?? ""}`.trim());
const rulesOf = (text: string, cluster?: Cluster): string[] => [...new Set(check(text, cluster).findings.filter((f) => f.severity === "error").map((f) => f.rule))].sort();

/** The guide's nginx service balanced over two pods of the same node: 10.1.1.5 (tap4) and 10.1.1.6 (tap5). */
const twoLocalEndpoints = loadCluster(sampleText("cluster.yaml").replace('endpoints: ["10.1.1.5:8080", "10.20.0.2:8080"]', 'endpoints: ["10.1.1.5:8080", "10.1.1.6:8080"]'), "two-local.yaml");

/** A later packet of an established connection: ACK, both ACLs on the session its SYN made. */
function established(text: string): string {
  return rewriteTrace(withTcpFlags(text, "ACK"), {
    literal: [
      { from: /action: [12], match: acl \d+ rule \d+ trace_bits 00000000/g, to: "action: 3, match: acl -1 rule 4 trace_bits 80000000" },
    ],
  });
}

/** Records after the first NAT record of the packet: what NAT made of it. */
const afterNat = (record: NodeRecord, packet: Packet): boolean => {
  const nat = packet.records.findIndex((r) => r.fields.nat !== undefined && r.node.endsWith("slowpath"));
  return nat !== -1 && packet.records.indexOf(record) > nat;
};

describe("a connection's later packets meet what its first packets decided", () => {
  const syn = sampleText("pod-to-service-same-node-request.txt");

  it("a service connection's ACK to the endpoint its SYN was balanced to conforms", () => {
    expect(verdicts(`${syn}\n${established(syn)}`, twoLocalEndpoints)).toEqual([
      "conforms pod-to-service-same-node request on k8s-master",
      "conforms pod-to-service-same-node request (established) on k8s-master",
    ]);
  });

  it("healthy variants conform: the reply before the SYN (files in reverse order), a FIN, a retransmitted SYN", () => {
    const reply = sampleText("pod-to-service-same-node-response.txt");
    expect(verdicts(`${reply}\n${syn}`, twoLocalEndpoints).map((v) => v.split(" ")[0])).toEqual(["conforms", "conforms"]);
    const fin = rewriteTrace(withTcpFlags(established(syn), "FIN ACK"), {});
    expect(verdicts(`${syn}\n${reply}\n${fin}`, twoLocalEndpoints).map((v) => v.split(" ")[0])).toEqual(["conforms", "conforms", "conforms"]);
    const again = rewriteTrace(syn, { literal: [{ from: "action: 2, match: acl 3 rule 0", to: "action: 3, match: acl -1 rule 4" }] });
    expect(verdicts(`${syn}\n${again}`, twoLocalEndpoints).map((v) => v.split(" ")[0])).toEqual(["conforms", "conforms"]);
  });

  it("an ACK DNAT-ed to another endpoint than its SYN (the session lost, balanced anew): nat-session", () => {
    const moved = withDnatEndpoint(established(syn), { ip: "10.1.1.6", tap: "tap5", swIfIndex: 9 });
    const result = check(`${syn}\n${moved}`, twoLocalEndpoints);
    expect(result.packets.map((p) => p.verdict)).toEqual(["conforms", "violates"]);
    const nat = result.findings.filter((f) => f.rule === "nat-session");
    expect(nat.map((f) => `${f.expected} / ${f.actual}`)).toEqual(["dst 10.104.221.85:80 → 10.1.1.5:8080 / dst 10.104.221.85:80 → 10.1.1.6:8080"]);
    // alone in the input, the same ACK is balanced to an endpoint of the service: no fault to see
    expect(rulesOf(moved, twoLocalEndpoints)).not.toContain("nat-session");
  });

  it("a reply from another endpoint than the one the SYN went to, translated to the service: nat-session", () => {
    const reply = sampleText("pod-to-service-same-node-response.txt");
    const fromOther = withDnatEndpoint(reply, { ip: "10.1.1.6", swIfIndex: 9 });
    expect(verdicts(`${syn}\n${reply}`, twoLocalEndpoints)).toEqual(["conforms pod-to-service-same-node request on k8s-master", "conforms pod-to-service-same-node response on k8s-master"]);
    expect(rulesOf(`${syn}\n${fromOther}`, twoLocalEndpoints)).toContain("nat-session");
  });
});

describe("a reply is placed by the connection it answers, not by what NAT made of it", () => {
  const syn = sampleText("pod-to-pod-same-node-request.txt");
  const synAck = sampleText("pod-to-pod-same-node-response.txt");
  /** The server's SYN-ACK translated by nat44-in2out (a session, `session 3`) to `to`. */
  const translatedTo = (ip: string, port: number): string =>
    rewriteTrace(synAck, {
      where: afterNat,
      addresses: { "10.1.1.9": ip },
      ports: (p, at) => (p === 8080 && at.role === "src" ? port : p),
      literal: [{ from: "NAT44_IN2OUT_SLOW_PATH: sw_if_index 11, next index 0, session -1", to: "NAT44_IN2OUT_SLOW_PATH: sw_if_index 11, next index 0, session 3" }],
    });

  it("the healthy SYN and SYN-ACK of a direct connection conform", () => {
    expect(verdicts(`${syn}\n${synAck}`)).toEqual(["conforms pod-to-pod-same-node request on k8s-master", "conforms pod-to-pod-same-node response on k8s-master"]);
  });

  it("a direct connection's reply translated to a service VIP by a stale session: nat-session, as the direct connection's reply", () => {
    const result = check(`${syn}\n${translatedTo("10.104.221.85", 80)}`);
    expect(result.packets.map((p) => `${p.verdict} ${p.scenario}`)).toEqual(["conforms pod-to-pod-same-node request on k8s-master", "violates pod-to-pod-same-node response on k8s-master"]);
    expect(result.findings.map((f) => `${f.rule}: ${f.expected} / ${f.actual}`)).toEqual(["nat-session: session -1 / session 3"]);
  });

  it("a same-node pod's reply source-NATed to the node IP is the direct connection's reply: nat-session, not unchecked", () => {
    const result = check(`${syn}\n${translatedTo("192.168.16.1", 40000)}`);
    expect(result.packets.map((p) => `${p.verdict} ${p.scenario}`)).toEqual(["conforms pod-to-pod-same-node request on k8s-master", "violates pod-to-pod-same-node response on k8s-master"]);
    expect(result.findings.map((f) => f.rule)).toContain("nat-session");
  });
});
