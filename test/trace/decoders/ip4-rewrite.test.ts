import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitFlowHash, withoutFlags } from "../../../src/trace/decoders/ip4-rewrite.js";
import { decodeOne } from "./decode-helper.js";

describe("ip4-rewrite decoder", () => {
  it("decodes the adjacency and the hex dump into Ethernet, IPv4 and ports", () => {
    const { record } = decodeOne(
      "01:48:51:257011: ip4-rewrite",
      "  tx_sw_if_index 11 dpo-idx 12 : ipv4 via 10.1.1.9 tap8: 00000000000202fe167939cb0800 flow hash: 0x00000000",
      "  00000000: 00000000000202fe167939cb08004500003c341e40003f06f1870a01010c0a01",
      "  00000020: 01099b8c1f908c66e43400000000a0027210c3de0000020405b40402",
    );
    expect(record.fields.rewrite).toEqual({ txSwIfIndex: 11, dpoIdx: 12, via: "10.1.1.9", interface: "tap8", rewrite: "00000000000202fe167939cb0800", flowHash: 0 });
    expect(record.fields.hexdump).toMatchObject({ length: 60, ether: { dst: "00:00:00:00:00:02", src: "02:fe:16:79:39:cb", etherType: 0x0800 } });
    expect(record.fields.hexdump?.ip4).toEqual({
      offset: 14, version: 4, ihl: 5, tos: 0, length: 60, fragmentId: 0x341e, flagsOffset: 0x4000, ttl: 63, protocol: 6,
      checksum: 0xf187, src: "10.1.1.12", dst: "10.1.1.9", srcPort: 39820, dstPort: 8080,
      // Where the TTL (byte 22) and checksum (byte 24) stand: findings point there.
      ttlLine: 3, ttlColumn: 57, checksumLine: 3, checksumColumn: 61,
    });
  });

  it("locates the TTL and checksum bytes on a later row of the dump", () => {
    // Four VLAN tags put the IPv4 header at byte 30: its TTL (byte 38) is on the second row.
    const { record } = decodeOne(
      "01:48:51:257011: ip4-rewrite",
      "  tx_sw_if_index 11 dpo-idx 12 : ipv4 via 10.1.1.9 tap8: 00000000000202fe167939cb0800 flow hash: 0x00000000",
      "  00000000: 00000000000202fe167939cb8100000181000002810000038100000408004500",
      "  00000020: 003c341e40003f06f1870a01010c0a010109",
    );
    expect(record.fields.hexdump?.ip4).toMatchObject({ offset: 30, ttl: 63, checksum: 0xf187, ttlLine: 4, ttlColumn: 25, checksumLine: 4, checksumColumn: 29 });
  });

  it("reads mtu and next of newer releases", () => {
    const { record } = decodeOne("00:00:00:310837: ip4-rewrite", "  tx_sw_if_index 2 dpo-idx 5 : ipv4 via 172.16.2.2 pg1: mtu:9000 next:4 flags:[] 0202000000ff02fe0b3e9c250800 flow hash: 0x00000000");
    expect(record.fields.rewrite).toMatchObject({ via: "172.16.2.2", interface: "pg1", mtu: 9000, next: 4, rewrite: "0202000000ff02fe0b3e9c250800" });
  });
});

describe("ip4-rewrite adjacency scanning", () => {
  // The regular expressions the scans replaced (quadratic on long runs of blanks or of
  // unclosed `flags:[`), as the reference on short lines.
  const OLD_ADJACENCY = /^tx_sw_if_index (\d+) (dpo|adj)-idx (\d+) : (.*?)(?:\s*flow hash: 0x([0-9a-f]+))?$/;
  const OLD_FLAGS = /flags:\[[^\]]*\]/g;
  const piece = fc.constantFrom(" ", "  ", "\t", "flow hash: 0x", "1f", "0", "z", "flags:[", "]", "mtu:9000", "next:4", "tap1:", "ipv4 via 1.2.3.4 ", "0202fe");
  const detail = fc.array(piece, { maxLength: 12 }).map((p) => p.join(""));

  it("splits the flow hash off exactly as `(.*?)(?:\\s*flow hash: 0x…)?$` did", () => {
    fc.assert(
      fc.property(detail, (d) => {
        const old = OLD_ADJACENCY.exec(`tx_sw_if_index 1 dpo-idx 2 : ${d}`);
        if (old === null) return;
        const { before, flowHash } = splitFlowHash(d);
        expect(before).toBe(old[4]);
        expect(flowHash).toBe(old[5] === undefined ? undefined : parseInt(old[5], 16));
      }),
      { seed: 13, numRuns: 3000 },
    );
  });

  it("removes `flags:[…]` groups exactly as /flags:\\[[^\\]]*\\]/g did", () => {
    fc.assert(
      fc.property(detail, (d) => {
        expect(withoutFlags(d)).toBe(d.replace(OLD_FLAGS, " "));
      }),
      { seed: 14, numRuns: 3000 },
    );
  });
});
