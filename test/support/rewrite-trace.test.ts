import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Packet } from "../../src/model/trace.js";
import { checkPackets, invariantRules } from "../../src/rules/index.js";
import { decodePktInfo } from "../../src/trace/decoders/acl-pkt-info.js";
import { ip4HeaderChecksum } from "../../src/trace/headers.js";
import { parseTrace } from "../../src/trace/index.js";
import { hasSharedTraces, recordOf, sampleFiles, sampleText, sharedTraceFiles, sharedTracesDir } from "../helpers.js";
import { guideCluster, renumberedCluster, renumberedSample, renumberingSpec } from "./renumbered-cluster.js";
import { dumpHeaderSumsUp, l4ChecksumDrift } from "./checks.js";
import { invertSpec, rewriteTrace, shiftTtl } from "./rewrite-trace.js";

const parse = (text: string): Packet[] => parseTrace(text, { file: "t.txt" }).packets;
const invariantFindings = (text: string) => checkPackets(parse(text), { rules: invariantRules, scenarios: false }).findings;
const inner = shiftTtl((h) => !h.outer, 64);

describe("rewriteTrace: the guide's samples renumbered into the second cluster", () => {
  it.each(sampleFiles())("%s keeps its lines, packets, records and diagnostics", (name) => {
    const before = sampleText(name);
    const after = renumberedSample(name);
    const [a, b] = [before.split("\n"), after.split("\n")];
    expect(b).toHaveLength(a.length);
    // Same layout: every line keeps its indentation, every record header its timestamp.
    expect(b.map((l) => /^\s*/.exec(l)![0])).toEqual(a.map((l) => /^\s*/.exec(l)![0]));
    expect(b.map((l) => /^\d\d:\d\d:\d\d:\d{6}: /.exec(l)?.[0])).toEqual(a.map((l) => /^\d\d:\d\d:\d\d:\d{6}: /.exec(l)?.[0]));
    const [pa, pb] = [parseTrace(before, { file: name }), parseTrace(after, { file: name })];
    expect(pb.packets.map((p) => p.records.map((r) => `${r.kind}@${r.line}`))).toEqual(pa.packets.map((p) => p.records.map((r) => `${r.kind}@${r.line}`)));
    expect(pb.diagnostics.map((d) => `${d.severity}@${d.line}:${d.column}`)).toEqual(pa.diagnostics.map((d) => `${d.severity}@${d.line}:${d.column}`));
  });

  it.each(sampleFiles())("the invariant rules find nothing in renumbered %s", (name) => {
    expect(invariantFindings(renumberedSample(name))).toEqual([]);
  });

  it.each(sampleFiles())("the inverse spec turns renumbered %s back into the original, byte for byte", (name) => {
    expect(rewriteTrace(renumberedSample(name), invertSpec(renumberingSpec(name)))).toBe(sampleText(name));
  });

  it("all 18 renumbered samples conform to the renumbered cluster, each with the scenario of its original", () => {
    const labels = (texts: string[], cluster: typeof guideCluster) =>
      checkPackets(texts.flatMap(parse), { cluster }).packets.map((p) => `${p.verdict} ${p.scenario}`);
    const original = labels(sampleFiles().map(sampleText), guideCluster).map((l) => l.replace(/k8s-master/g, "kube-a").replace(/k8s-worker1/g, "kube-b"));
    const renumbered = labels(sampleFiles().map(renumberedSample), renumberedCluster);
    expect(renumbered).toEqual(original);
    expect(renumbered.every((l) => l.startsWith("conforms "))).toBe(true);
  });

  it("packs the new 5-tuple and interface into the ACL's pkt info words", () => {
    const packet = parse(renumberedSample("pod-to-pod-same-node-request.txt"))[0];
    const acl = recordOf(packet, "acl-plugin-in-ip4-fa");
    expect(acl.raw[2]).toBe("  pkt info 0000000000000000 1503400a00000000 0000000000000000 1103400a00000000 000f000624a0a111 0702ffff0000000f");
    expect(decodePktInfo(acl.fields.acl!.pktInfo!, "v17.04")).toMatchObject({ src: "10.64.3.21", dst: "10.64.3.17", proto: 6, srcPort: 41233, dstPort: 9376, swIfIndex: 15, tcpFlags: 2 });
    expect(acl.fields.acl!.tuple).toMatchObject({ src: "10.64.3.21", dst: "10.64.3.17", srcPort: 41233, dstPort: 9376, swIfIndex: 15 });
    expect(decodePktInfo(recordOf(packet, "acl-plugin-out-ip4-fa").fields.acl!.pktInfo!, "v17.04")).toMatchObject({ swIfIndex: 6 });
  });

  it("rewrites the ip4-rewrite hex dump: new MACs, addresses and ports, and a header checksum that adds up", () => {
    const rewrite = recordOf(parse(renumberedSample("pod-to-pod-same-node-request.txt"))[0], "ip4-rewrite");
    expect(rewrite.raw[1]).toBe("  tx_sw_if_index 6 dpo-idx 12 : ipv4 via 10.64.3.17 tap17: 00000000000b02fef2064b8e0800 flow hash: 0x00000000");
    const dump = rewrite.fields.hexdump!;
    expect(dump.bytes.startsWith("00000000000b02fef2064b8e0800")).toBe(true);
    expect(dump.ip4).toMatchObject({ src: "10.64.3.21", dst: "10.64.3.17", srcPort: 41233, dstPort: 9376, ttl: 63 });
    expect(dumpHeaderSumsUp(rewrite)).toBe(true);
  });

  it("rewrites the VXLAN encapsulation: outer addresses and MACs, VNI 21 and the inner MACs, cut one included", () => {
    const packet = parse(renumberedSample("pod-to-pod-other-node-request-client-node.txt"))[0];
    expect(recordOf(packet, "vxlan4-encap").fields.vxlan).toMatchObject({ vni: 21 });
    const outer = recordOf(packet, "ip4-rewrite", 1);
    expect(outer.fields.rewrite).toMatchObject({ via: "192.168.50.7", interface: "GigabitEthernet0/a/0", rewrite: "525400c94e0352540018b25f0800" });
    const bytes = outer.fields.hexdump!.bytes;
    expect(outer.fields.hexdump!.ip4).toMatchObject({ src: "192.168.50.3", dst: "192.168.50.7", dstPort: 4789, ttl: 253 });
    // Ethernet 14 + IPv4 20 + UDP 8: the VXLAN header, then the inner dst MAC and 4 bytes of the src MAC.
    expect(bytes.slice(84)).toBe("08000000000015001a2b3c4d5e071a2b3c4d");
    expect(dumpHeaderSumsUp(outer)).toBe(true);
  });

  it("renames TAPs and renumbers interfaces by the node a sample was captured on", () => {
    const server = parse(renumberedSample("pod-to-pod-other-node-request-server-node.txt"))[0];
    expect(server.records.at(-1)!.node).toBe("tap4-output");
    expect(recordOf(server, "ip4-rewrite").fields.rewrite).toMatchObject({ txSwIfIndex: 5, interface: "tap4", via: "10.64.7.26" });
    expect(recordOf(server, "l2-input").fields.l2).toMatchObject({ swIfIndex: 3, dst: "1a:2b:3c:4d:5e:07", src: "1a:2b:3c:4d:5e:03" });
    const client = parse(renumberedSample("pod-to-pod-other-node-request-client-node.txt"))[0];
    expect(client.records[0].fields.input).toMatchObject({ hwIfIndex: 15 });
    expect(recordOf(client, "l2-output").fields.l2).toMatchObject({ swIfIndex: 3 });
  });

  it.each(sampleFiles())("moves each TCP/UDP checksum of %s, printed or dumped, by what its pseudo-header and ports moved (RFC 1624)", (name) => {
    expect(l4ChecksumDrift(parse(sampleText(name))[0], parse(renumberedSample(name))[0])).toEqual([]);
  });

  it("leaves a UDP checksum of 0 (VXLAN's outer header) at 0", () => {
    const packet = parse(renumberedSample("pod-to-service-other-node-request-server-node.txt"))[0];
    expect(packet.records[0].fields.l4).toMatchObject({ proto: "UDP", srcPort: 61733, dstPort: 4789, checksum: 0 });
  });
});

describe("rewriteTrace: TTLs", () => {
  it.each(sampleFiles())("a pod sending TTL 128 (inner TTL + 64) keeps the invariants green in %s, and -64 undoes it", (name) => {
    const shifted = rewriteTrace(renumberedSample(name), { ttl: inner });
    expect(invariantFindings(shifted)).toEqual([]);
    expect(rewriteTrace(shifted, { ttl: shiftTtl((h) => !h.outer, -64) })).toBe(renumberedSample(name));
  });

  it("moves every place the inner TTL shows: prints, the dump and l2-output's data bytes, and no outer TTL", () => {
    const packet = parse(rewriteTrace(sampleText("pod-to-pod-other-node-request-client-node.txt"), { ttl: inner }))[0];
    expect(recordOf(packet, "ip4-input").fields.ip4).toMatchObject({ ttl: 128 });
    expect(recordOf(packet, "ip4-rewrite").fields.hexdump!.ip4).toMatchObject({ ttl: 127 });
    expect(recordOf(packet, "l2-output").fields.l2!.data).toBe("08004500003c309f40007f06");
    expect(recordOf(packet, "GigabitEthernet0/8/0-output").fields.ip4).toMatchObject({ ttl: 253 });
  });

  it("refuses a TTL outside 0..255", () => {
    expect(() => rewriteTrace(sampleText("pod-to-host-request.txt"), { ttl: (_, t) => t + 200 })).toThrow(/TTL 64 at ip4-input .* became 264/);
  });
});

describe("rewriteTrace: fidelity and limits", () => {
  it.each(sampleFiles())("an empty spec returns %s unchanged", (name) => {
    expect(rewriteTrace(sampleText(name), {})).toBe(sampleText(name));
  });

  it("keeps CRLF line ends", () => {
    const name = "pod-to-service-other-node-request-client-node.txt";
    const spec = renumberingSpec(name);
    expect(rewriteTrace(sampleText(name).replace(/\n/g, "\r\n"), spec)).toBe(renumberedSample(name).replace(/\n/g, "\r\n"));
  });

  it("keeps VPP's `(should be …)` verdict: the printed checksum stays as wrong as it was", () => {
    const text = sampleText("pod-to-host-request.txt").replace("checksum 0x8af6\n", "checksum 0x8af7 (should be 0x8af6)\n");
    expect(invariantFindings(text).map((f) => `${f.rule}@${f.line}/${f.severity}`)).toEqual(["ip4-checksum@6/warning"]);
    const out = rewriteTrace(text, { addresses: { "10.1.1.3": "10.64.3.4" } });
    const ip4 = parse(out)[0].records.find((r) => r.node === "ip4-input")!.fields.ip4!;
    expect(ip4.checksum! - ip4.checksumShouldBe!).toBe(1);
    expect(ip4.checksumShouldBe).toBe(ip4HeaderChecksum({ ...ip4, tos: 0, length: 60, fragmentId: ip4.fragmentId!, flagsOffset: 0x4000, ttl: 64, proto: 6 }));
    expect(invariantFindings(out).map((f) => `${f.rule}@${f.line}/${f.severity}`)).toEqual(["ip4-checksum@6/warning"]);
  });

  it("rewrites only the records `where` accepts", () => {
    const out = rewriteTrace(sampleText("pod-to-pod-same-node-request.txt"), { addresses: { "10.1.1.9": "10.1.1.99" }, where: (r) => r.node === "tap8-output" });
    const changed = out.split("\n").filter((l, i) => l !== sampleText("pod-to-pod-same-node-request.txt").split("\n")[i]);
    expect(changed).toEqual(["  TCP: 10.1.1.12 -> 10.1.1.99", "    tos 0x00, ttl 63, length 60, checksum 0xf12d", "    window 29200, checksum 0xc384"]);
  });

  it("applies literal edits last and refuses one that matches nothing", () => {
    const text = sampleText("pod-to-host-request.txt");
    expect(rewriteTrace(text, { literal: [{ from: "vring 0", to: "vring 1" }] })).toBe(text.replace("vring 0", "vring 1"));
    expect(() => rewriteTrace(text, { literal: [{ from: "no such text", to: "" }] })).toThrow(/matches nothing/);
  });

  it("refuses malformed maps, a map that cannot be inverted, and a cut MAC it cannot resolve", () => {
    expect(() => rewriteTrace("", { addresses: { "10.1.1.3": "10.1.1.300" } })).toThrow(/invalid address mapping/);
    expect(() => invertSpec({ ports: { 1: 3, 2: 3 } })).toThrow(/two ports map to 3/);
    expect(() => invertSpec({ ttl: inner })).toThrow(/only a spec made of maps/);
    const macs = { "1a:2b:3c:4d:5e:01": "aa:00:00:00:00:01", "1a:2b:3c:4d:5e:02": "bb:00:00:00:00:02" };
    expect(() => rewriteTrace(sampleText("pod-to-pod-other-node-request-client-node.txt"), { macs })).toThrow(/cut MAC 1a2b3c4d… could be any of aa000000, bb000000/);
  });
});

describe.skipIf(!hasSharedTraces)("rewriteTrace on the real traces of ../shared/traces", () => {
  const read = (name: string): string => readFileSync(join(sharedTracesDir, name), "utf8");
  /** Every address and MAC of a trace mapped to a fresh one. */
  function everything(text: string) {
    const ips = [...new Set(text.match(/(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])/g) ?? [])];
    const macs = [...new Set(text.match(/(?<![0-9a-f:])[0-9a-f]{2}(?::[0-9a-f]{2}){5}(?![0-9a-f:])/g) ?? [])];
    return {
      addresses: new Map(ips.map((ip, i) => [ip, `203.0.113.${i + 1}`])),
      macs: new Map(macs.map((mac, i) => [mac, `de:ad:be:ef:00:${i.toString(16).padStart(2, "0")}`])),
    };
  }

  it.each(sharedTraceFiles())("%s: unchanged by an empty spec; renumbered, the same findings; inverted, the original", (name) => {
    const text = read(name);
    expect(rewriteTrace(text, {})).toBe(text);
    const spec = everything(text);
    const out = rewriteTrace(text, spec);
    expect(invariantFindings(out).map((f) => `${f.rule}@${f.line}/${f.severity}`)).toEqual(invariantFindings(text).map((f) => `${f.rule}@${f.line}/${f.severity}`));
    expect(rewriteTrace(out, invertSpec(spec))).toBe(text);
  });
});
