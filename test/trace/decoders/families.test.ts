import { describe, expect, it } from "vitest";
import { decoderFor } from "../../../src/trace/index.js";
import { decodeOne } from "./decode-helper.js";

describe("decoder table", () => {
  it.each([
    ["virtio-input", "device-input"],
    ["tapcli-rx", "device-input"],
    ["dpdk-input", "device-input"],
    ["ethernet-input", "ethernet"],
    ["ip4-input", "ip4"],
    ["ip4-load-balance", "ip4"],
    ["ip4-local", "ip4"],
    ["ip4-rewrite", "ip4-rewrite"],
    ["acl-plugin-in-ip4-l2", "acl-plugin"],
    ["nat44-in2out-output-slowpath", "nat44"],
    ["ip4-udp-lookup", "udp-lookup"],
    ["vxlan4-encap", "vxlan"],
    ["l2-input-classify", "l2"],
    ["tap8-output", "interface-output"],
    ["GigabitEthernet0/8/0-tx", "interface-output"],
    ["error-drop", "drop"],
    ["drop", "drop"],
    ["ip4-cnat-tx", "ip4"],
    ["some-plugin-node", "unknown"],
  ])("routes %s to the %s decoder", (node, family) => {
    expect(decoderFor(node).family).toBe(family);
  });
});

describe("node family decoders", () => {
  it("ethernet-input: MAC pair and the 19.01 frame line", () => {
    const { record } = decodeOne("00:37:45:165631: ethernet-input", "  frame: flags 0x1, hw-if-index 1, sw-if-index 1", "  IP4: 0c:5d:87:aa:00:01 -> 0c:90:82:92:00:01");
    expect(record.fields.ether).toEqual({ type: "IP4", src: "0c:5d:87:aa:00:01", dst: "0c:90:82:92:00:01", line: 3 });
    expect(record.fields.kv).toEqual({ "frame.flags": 1, hwIfIndex: 1, swIfIndex: 1 });
  });

  it("ip4-lookup: fib, dpo-idx and flow hash beside the header", () => {
    const { record } = decodeOne("04:26:22:973922: ip4-load-balance", "  fib 5 dpo-idx 27 flow hash: 0x00000001", "  UDP: 192.168.16.1 -> 192.168.16.2", "    tos 0x00, ttl 254, length 110, checksum 0x1b2b", "    fragment id 0x0000");
    expect(record.fields.lookup).toEqual({ fib: 5, dpoIdx: 27, flowHash: 1 });
    expect(record.fields.ip4).toMatchObject({ proto: "UDP", ttl: 254, length: 110, checksum: 0x1b2b, fragmentId: 0 });
    expect(record.fields.ip4?.flags).toBeUndefined();
  });

  it("ip4-input: dscp/ecn, ` (should be …)` and ICMP with id", () => {
    const { record } = decodeOne("00:00:00:211604: ip4-input", "  ICMP: 192.168.33.10 -> 192.168.33.1", "    tos 0x00, ttl 64, length 84, checksum 0x6d5f (should be 0x6d60) dscp CS0 ecn NON_ECN", "    fragment id 0x09ee, flags DONT_FRAGMENT", "  ICMP echo_request checksum 0x315 id 7");
    expect(record.fields.ip4).toMatchObject({ checksum: 0x6d5f, checksumShouldBe: 0x6d60, dscp: "CS0", ecn: "NON_ECN", flags: "DONT_FRAGMENT" });
    expect(record.fields.l4).toMatchObject({ proto: "ICMP", icmpType: "echo_request", checksum: 0x315, icmpId: 7 });
  });

  it("l2-fwd / l2-classify", () => {
    expect(decodeOne("04:26:22:973918: l2-fwd", "  l2-fwd:   sw_if_index 3 dst 1a:2b:3c:4d:5e:02 src 1a:2b:3c:4d:5e:01 bd_index 1").record.fields.l2).toEqual({ stage: "l2-fwd", swIfIndex: 3, dst: "1a:2b:3c:4d:5e:02", src: "1a:2b:3c:4d:5e:01", bdIndex: 1 });
    expect(decodeOne("04:26:22:973913: l2-input-classify", "  l2-classify: sw_if_index 3, table 35, offset 0, next 18").record.fields.l2).toEqual({ stage: "l2-classify", swIfIndex: 3, table: 35, offset: 0, next: 18 });
  });

  it("error-drop: the counting node and reason (≤19.01) or the rx interface (later)", () => {
    expect(decodeOne("00:00:01:000000: error-drop", "  acl-plugin-out-ip4-fa: ACL deny packets").record.fields.drop).toEqual({ node: "acl-plugin-out-ip4-fa", reason: "ACL deny packets" });
    expect(decodeOne("00:00:01:000000: error-drop", "  rx:tap1").record.fields.drop).toEqual({ rxInterface: "tap1" });
  });

  it("vxlan4-input: decap with next and error; udp lookup ports", () => {
    expect(decodeOne("04:24:37:730776: vxlan4-input", "  VXLAN decap from vxlan_tunnel0 vni 10 next 1 error 0").record.fields.vxlan).toEqual({ direction: "decap", tunnel: 0, vni: 10, next: 1, error: 0 });
    expect(decodeOne("04:24:37:730775: ip4-udp-lookup", "  UDP: src-port 50038 dst-port 4789").record.fields.udpLookup).toEqual({ srcPort: 50038, dstPort: 4789 });
  });

  it("unknown nodes keep raw lines and generic key/values, never an error", () => {
    const { record, warnings } = decodeOne("00:09:46:518873: ip6-frobnicate", "  widget 7, colour blue, size 0x10");
    expect(warnings).toEqual([]);
    expect(record.raw).toEqual(["00:09:46:518873: ip6-frobnicate", "  widget 7, colour blue, size 0x10"]);
    expect(record.fields.kv).toEqual({ widget: 7, colour: "blue", size: 16 });
  });

  it("tapcli-rx / af-packet / memif first lines", () => {
    expect(decodeOne("00:00:10:677649: memif-input", "  memif: hw_if_index 1 next-index 4", "    slot: ring 0").record.fields.input).toEqual({ driver: "memif", hwIfIndex: 1, nextIndex: 4, ring: 0 });
    expect(decodeOne("05:23:12:530191: af-packet-input", "  af_packet: hw_if_index 1 rx-queue 0 next-index 4").record.fields.input).toEqual({ driver: "af_packet", hwIfIndex: 1, nextIndex: 4, rxQueue: 0 });
  });
});
