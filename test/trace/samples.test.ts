import { describe, expect, it } from "vitest";
import { parseTrace } from "../../src/trace/index.js";
import { recordOf, sampleFiles, samplePacket, sampleText } from "../helpers.js";

const HEADER = /^\d\d:\d\d:\d\d:\d{6}: \S+$/gm;

describe("the guide's sample traces", () => {
  it.each(sampleFiles())("%s parses with no error and one record per header line", (name) => {
    const text = sampleText(name);
    const parsed = parseTrace(text, { file: name });
    expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const headerless = /^\S+: /.test(text) && !/^\d/.test(text) && !/^\S.*\n-+\n/.test(text) ? 1 : 0;
    const records = parsed.packets.flatMap((p) => p.records);
    expect(records.length).toBe((text.match(HEADER) ?? []).length + headerless);
    expect(parsed.packets).toHaveLength(1);
  });

  it("decodes the same-node SYN: ACL actions 2 then 1, NAT session -1, TTL 64 in and 63 out", () => {
    const p = samplePacket("pod-to-pod-same-node-request.txt");
    expect(p.label).toBe("SYN");
    expect(recordOf(p, "acl-plugin-in-ip4-fa").fields.acl).toMatchObject({ direction: "in", swIfIndex: 7, action: 2, acl: 1, rule: 0 });
    expect(recordOf(p, "acl-plugin-out-ip4-fa").fields.acl).toMatchObject({ direction: "out", swIfIndex: 11, action: 1, acl: 0, rule: 0 });
    expect(recordOf(p, "nat44-out2in").fields.nat).toEqual({ kind: "out2in", path: "fast", output: false, tag: "NAT44_OUT2IN", swIfIndex: 7, nextIndex: 1, session: -1 });
    expect(recordOf(p, "ip4-input").fields.ip4).toMatchObject({ proto: "TCP", src: "10.1.1.12", dst: "10.1.1.9", ttl: 64, checksum: 0xf087, fragmentId: 0x341e });
    expect(recordOf(p, "tap8-output").fields.ip4).toMatchObject({ ttl: 63, checksum: 0xf187 });
    expect(recordOf(p, "tap8-output").fields.output).toEqual({ interface: "tap8" });
  });

  it("decodes the service request's NAT translation: session 5 and the endpoint in the next header", () => {
    const p = samplePacket("pod-to-service-same-node-request.txt");
    expect(recordOf(p, "nat44-out2in").fields.nat?.session).toBe(5);
    expect(recordOf(p, "ip4-input").fields.ip4?.dst).toBe("10.104.221.85");
    expect(recordOf(p, "ip4-lookup").fields.ip4?.dst).toBe("10.1.1.5");
    expect(recordOf(p, "ip4-lookup").fields.l4).toMatchObject({ srcPort: 51082, dstPort: 8080 });
  });

  it("decodes the cross-node request's VXLAN encapsulation and the outer header at TTL 254 then 253", () => {
    const p = samplePacket("pod-to-pod-other-node-request-client-node.txt");
    expect(p.label).toBe("SYN from the client's node");
    expect(recordOf(p, "vxlan4-encap").fields.vxlan).toEqual({ direction: "encap", tunnel: 0, vni: 10 });
    expect(recordOf(p, "ip4-load-balance", 1).fields.ip4).toMatchObject({ proto: "UDP", src: "192.168.16.1", ttl: 254 });
    expect(recordOf(p, "ip4-load-balance", 1).fields.l4).toMatchObject({ proto: "UDP", srcPort: 50038, dstPort: 4789, length: 90 });
    expect(recordOf(p, "GigabitEthernet0/8/0-tx").fields).toMatchObject({ output: { interface: "GigabitEthernet0/8/0", txQueue: 0 }, ip4: { ttl: 253 } });
    expect(recordOf(p, "l2-output").fields.l2).toMatchObject({ stage: "l2-output", swIfIndex: 5, data: "08004500003c309f40003f06" });
  });

  it("keeps the host-to-pod response whose first header line is missing, with a warning", () => {
    const parsed = parseTrace(sampleText("host-to-pod-response.txt"), { file: "h2p" });
    const first = parsed.packets[0].records[0];
    expect(first).toMatchObject({ node: "virtio-input", headerless: true, time: null, line: 1 });
    expect(first.fields.input).toMatchObject({ driver: "virtio", hwIfIndex: 9 });
    expect(first.fields.kv?.["hdr.num_buffers"]).toBe(1);
    expect(parsed.diagnostics).toContainEqual(expect.objectContaining({ severity: "warning", line: 1, column: 1 }));
  });

  it("decodes the server node's dpdk-input buffer and mbuf lines", () => {
    const p = samplePacket("pod-to-pod-other-node-request-server-node.txt");
    const dpdk = recordOf(p, "dpdk-input").fields;
    expect(dpdk.input).toEqual({ driver: "dpdk", interface: "GigabitEthernet0/8/0", rxQueue: 0 });
    expect(dpdk.buffer).toMatchObject({ index: 0x415e, currentData: 14, length: 110, freeList: 0, l3HdrOffset: 14, flags: ["l4-cksum-computed", "l4-cksum-correct"] });
    expect(dpdk.mbuf).toMatchObject({ port: 0, nbSegs: 1, pktLen: 124, dataOff: 128 });
    expect(recordOf(p, "vxlan4-input").fields.vxlan).toEqual({ direction: "decap", tunnel: 0, vni: 10, next: 1, error: 0 });
    expect(recordOf(p, "ip4-udp-lookup").fields.udpLookup).toEqual({ srcPort: 50038, dstPort: 4789 });
  });
});
