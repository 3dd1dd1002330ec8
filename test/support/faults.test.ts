import { describe, expect, it } from "vitest";
import type { Packet } from "../../src/model/trace.js";
import { checkPackets, invariantRules } from "../../src/rules/index.js";
import { headerViews } from "../../src/trace/headers.js";
import { parseTrace } from "../../src/trace/index.js";
import { recordOf, sampleFiles } from "../helpers.js";
import { l4ChecksumDrift } from "./checks.js";
import { traceText, withDnatEndpoint, withInnerTtl, withOuterArrivalTtl, withTcpFlags, withVni, withVxlanPeer, withVxlanPort } from "./faults.js";
import { guideCluster, renumberedCluster, renumberedSample } from "./renumbered-cluster.js";

const parse = (text: string): Packet[] => parseTrace(text, { file: "t.txt" }).packets;
const invariantFindings = (text: string) => checkPackets(parse(text), { rules: invariantRules, scenarios: false }).findings;
/** What the invariant rules see, and what they do not read: L4 checksums against the original. */
const consistency = (original: string, text: string) => ({
  invariants: invariantFindings(text).map((f) => `${f.rule}@${f.line}: ${f.expected} / ${f.actual}`),
  l4: l4ChecksumDrift(parse(traceText(original))[0], parse(text)[0]),
});
const clean = { invariants: [], l4: [] };
const crossNode = sampleFiles().filter((f) => f.includes("other-node"));
const sending = crossNode.filter((f) => /request-client|response-server/.test(f));
const receiving = crossNode.filter((f) => /request-server|response-client/.test(f));
const tcpTtls = (p: Packet): number[] => headerViews(p).filter((v) => v.proto === 6).map((v) => v.ttl!);

describe("fault builders: one realistic change, every encoding consistent", () => {
  it.each(sampleFiles())("withInnerTtl(128): %s shows the inner packet 64 higher, invariants green", (name) => {
    const text = withInnerTtl(name, 128);
    expect(consistency(name, text)).toEqual(clean);
    const original = tcpTtls(parse(renumberedSample(name))[0]);
    expect(tcpTtls(parse(withInnerTtl(renumberedSample(name), 128))[0])).toEqual(original.map((t) => t + 64));
  });

  it.each(receiving)("withOuterArrivalTtl(252): %s receives the tunnel at 252, invariants green", (name) => {
    const text = withOuterArrivalTtl(name, 252);
    expect(consistency(name, text)).toEqual(clean);
    const outer = headerViews(parse(text)[0]).filter((v) => v.proto === 17);
    expect(outer.map((v) => v.ttl)).toEqual(outer.map(() => 252));
  });

  it.each(crossNode)("withVni(11): %s carries VNI 11 in its records and its VXLAN header, invariants green", (name) => {
    const text = withVni(name, 11);
    expect(consistency(name, text)).toEqual(clean);
    const packet = parse(text)[0];
    expect(packet.records.filter((r) => r.fields.vxlan).map((r) => r.fields.vxlan!.vni)).toEqual([11]);
    const dump = packet.records.find((r) => r.fields.hexdump?.ip4?.dstPort === 4789)?.fields.hexdump;
    if (dump !== undefined) expect(dump.bytes.slice(84, 100)).toBe("0800000000000b00");
  });

  it.each(crossNode)("withVxlanPort(8472): %s tunnels on UDP 8472; only nat-translation objects (it hard-codes 4789, issue 12)", (name) => {
    const text = withVxlanPort(name, 8472);
    expect(parse(text)[0].records.find((r) => r.fields.l4?.proto === "UDP")!.fields.l4!.dstPort).toBe(8472);
    expect(l4ChecksumDrift(parse(traceText(name))[0], parse(text)[0])).toEqual([]);
    const udpLookup = parse(text)[0].records.find((r) => r.fields.udpLookup !== undefined)?.fields.udpLookup;
    if (udpLookup !== undefined) expect(udpLookup.dstPort).toBe(8472);
    const found = invariantFindings(text);
    expect(found.filter((f) => f.rule !== "nat-translation")).toEqual([]);
    expect(found.every((f) => /after session \d+/.test(f.expected) && /:8472 at /.test(f.actual))).toBe(true);
  });

  it.each(sending)("withVxlanPeer: %s encapsulates towards the wrong node, invariants green", (name) => {
    const text = withVxlanPeer(name, "192.168.16.3", { ip: "192.168.30.3", mac: "1a:2b:3c:4d:5e:03" });
    expect(consistency(name, text)).toEqual(clean);
    const packet = parse(text)[0];
    expect(recordOf(packet, "ip4-rewrite", 0).fields.rewrite).toMatchObject({ via: "192.168.30.3", rewrite: expect.stringMatching(/^1a2b3c4d5e03/) });
    expect(recordOf(packet, "l2-output").fields.l2).toMatchObject({ dst: "1a:2b:3c:4d:5e:03" });
    const outer = recordOf(packet, "ip4-rewrite", 1);
    expect(outer.fields.rewrite).toMatchObject({ via: "192.168.16.3", rewrite: expect.stringMatching(/^525400a81003/) });
    expect(outer.fields.hexdump!.ip4!.dst).toBe("192.168.16.3");
    expect(outer.fields.hexdump!.bytes.slice(100, 112)).toBe("1a2b3c4d5e03");
  });

  it("withVxlanPeer refuses a capture of the receiving node", () => {
    expect(() => withVxlanPeer("pod-to-pod-other-node-request-server-node", "192.168.16.3", { ip: "192.168.30.3", mac: "1a:2b:3c:4d:5e:03" })).toThrow(/sending node/);
  });

  it("withDnatEndpoint: the same-node service request goes to a pod that is no endpoint, out of that pod's TAP", () => {
    const text = withDnatEndpoint("pod-to-service-same-node-request", { ip: "10.1.1.9", tap: "tap8", swIfIndex: 11, mac: "02:fe:16:79:39:cb" });
    expect(consistency("pod-to-service-same-node-request", text)).toEqual(clean);
    const packet = parse(text)[0];
    expect(recordOf(packet, "acl-plugin-in-ip4-fa").fields.acl!.tuple).toMatchObject({ dst: "10.104.221.85", dstPort: 80 });
    expect(recordOf(packet, "ip4-lookup").fields.ip4).toMatchObject({ dst: "10.1.1.9" });
    expect(recordOf(packet, "ip4-rewrite").fields.rewrite).toMatchObject({ via: "10.1.1.9", interface: "tap8", txSwIfIndex: 11, rewrite: "00000000000202fe167939cb0800" });
    expect(packet.records.at(-1)!.node).toBe("tap8-output");
  });

  it("withDnatEndpoint: its response comes from that pod, in by its TAP, and is translated back to the VIP", () => {
    const text = withDnatEndpoint("pod-to-service-same-node-response", { ip: "10.1.1.9", swIfIndex: 11, mac: "02:fe:16:79:39:cb" });
    expect(consistency("pod-to-service-same-node-response", text)).toEqual(clean);
    const packet = parse(text)[0];
    expect(packet.records[0].fields.input).toMatchObject({ hwIfIndex: 11 });
    expect(recordOf(packet, "ip4-input").fields.ip4).toMatchObject({ src: "10.1.1.9" });
    expect(recordOf(packet, "ip4-lookup").fields.ip4).toMatchObject({ src: "10.104.221.85" });
  });

  it("withDnatEndpoint: on the client's node of a cross-node service, and with the new port; on the server's node, from the named endpoint", () => {
    const renumbered = renumberedSample("pod-to-service-other-node-request-client-node");
    const client = withDnatEndpoint(renumbered, { ip: "10.64.7.26", port: 9443 });
    expect(consistency(renumbered, client)).toEqual(clean);
    expect(recordOf(parse(client)[0], "ip4-lookup").fields.l4).toMatchObject({ dstPort: 9443 });
    const server = withDnatEndpoint("pod-to-service-other-node-request-server-node", { ip: "10.1.2.13", tap: "tap12", swIfIndex: 9 }, "10.1.2.4:8080");
    expect(consistency("pod-to-service-other-node-request-server-node", server)).toEqual(clean);
    expect(recordOf(parse(server)[0], "ip4-rewrite").fields.rewrite).toMatchObject({ via: "10.1.2.13", interface: "tap12", txSwIfIndex: 9 });
    expect(() => withDnatEndpoint("pod-to-pod-same-node-request", { ip: "10.1.1.5" })).toThrow(/no NAT translation/);
  });

  it.each(sampleFiles())("withTcpFlags('ACK'): every TCP header of %s, its ACL words and its dump carry 0x10, invariants green", (name) => {
    const text = withTcpFlags(name, "ACK");
    expect(consistency(name, text)).toEqual(clean);
    const packet = parse(text)[0];
    const records = packet.records;
    expect(records.filter((r) => r.fields.l4?.proto === "TCP").every((r) => r.fields.l4!.tcpFlags === 0x10 && r.raw.some((l) => l.includes("flags 0x10 ACK,")))).toBe(true);
    const acls = records.filter((r) => r.fields.acl?.tuple?.proto === 6).map((r) => r.fields.acl!);
    expect(acls.every((a) => a.tuple!.tcpFlags === 0x10 && a.pktInfoTuple!.tcpFlags === 0x10)).toBe(true);
    const dump = records.find((r) => r.fields.hexdump?.ip4?.protocol === 6)?.fields.hexdump;
    if (dump !== undefined) expect(dump.bytes.slice(94, 96)).toBe("10");
  });

  it("builders refuse captures with nothing to change", () => {
    expect(() => withVni("pod-to-host-request", 11)).toThrow(/no VXLAN/);
    expect(() => withOuterArrivalTtl("pod-to-pod-other-node-request-client-node", 252)).toThrow(/arriving/);
    expect(() => withTcpFlags("pod-to-host-request", "BOGUS")).toThrow(/TCP flags/);
  });
});

/** Each fault as built on a guide sample, and as built on its renumbered copy with the renumbered
 *  cluster's values (a node that does not exist, a pod that is no endpoint…). */
const ALIKE: [fault: string, sample: string, build: (text: string, renumbered: boolean) => string][] = [
  ["a pod sending TTL 128", "pod-to-pod-same-node-request.txt", (t) => withInnerTtl(t, 128)],
  ["an outer TTL arriving as 252", "pod-to-pod-other-node-request-server-node.txt", (t) => withOuterArrivalTtl(t, 252)],
  ["VNI 11", "pod-to-pod-other-node-request-client-node.txt", (t) => withVni(t, 11)],
  ["VXLAN on 8472", "pod-to-pod-other-node-request-server-node.txt", (t) => withVxlanPort(t, 8472)],
  ["VXLAN to a node that does not exist", "pod-to-pod-other-node-request-client-node.txt", (t, r) =>
    r ? withVxlanPeer(t, "192.168.50.9", { ip: "192.168.60.9", mac: "1a:2b:3c:4d:5e:09" }) : withVxlanPeer(t, "192.168.16.3", { ip: "192.168.30.3", mac: "1a:2b:3c:4d:5e:03" })],
  ["DNAT to a pod that is no endpoint of a two-endpoint service", "pod-to-service-same-node-request.txt", (t, r) =>
    withDnatEndpoint(t, r ? { ip: "10.64.3.17", tap: "tap17", swIfIndex: 6, mac: "02:fe:f2:06:4b:8e" } : { ip: "10.1.1.9", tap: "tap8", swIfIndex: 11, mac: "02:fe:16:79:39:cb" })],
  ["DNAT to a pod that is no endpoint of a one-endpoint service", "pod-to-service-other-node-request-client-node.txt", (t, r) => withDnatEndpoint(t, { ip: r ? "10.64.7.26" : "10.1.2.13" })],
  ["an ACK instead of the SYN-ACK", "pod-to-pod-same-node-response.txt", (t) => withTcpFlags(t, "ACK")],
];

describe("faults judged alike in the guide's cluster and in the renumbered one", () => {
  const judged = (text: string, cluster: typeof guideCluster): string[] => checkPackets(parse(text), { cluster }).findings.map((f) => `${f.rule}@${f.line}`);
  it.each(ALIKE)("%s (%s): the same rules fire on the same lines", (_, sample, build) => {
    expect(judged(build(renumberedSample(sample), true), renumberedCluster)).toEqual(judged(build(sample, false), guideCluster));
  });
});
