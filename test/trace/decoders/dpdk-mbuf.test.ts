import { describe, expect, it } from "vitest";
import { decodeOne } from "./decode-helper.js";

describe("DPDK mbuf lines", () => {
  it("reads the mbuf of a 25.x dpdk-input, its lengths, packet type and RSS lines, and the buffer flags line under the buffer", () => {
    const { record, warnings } = decodeOne(
      "00:37:45:163322: dpdk-input",
      "  eth1 rx queue 0",
      "  buffer 0x98c1e: current data 0, length 92, buffer-pool 0, ref-count 1, trace handle 0x0",
      "                  ext-hdr-valid ",
      "  PKT MBUF: port 0, nb_segs 1, pkt_len 92",
      "    buf_len 2176, data_len 92, ol_flags 0x182, data_off 128, phys_addr 0xd5030800",
      "    packet_type 0x11 l2_len 0 l3_len 0 outer_l2_len 0 outer_l3_len 0 ",
      "    rss 0x0 fdir.hi 0x0 fdir.lo 0x0",
      "    Packet Offload Flags",
      "      PKT_RX_RSS_HASH (0x0002) RX packet with RSS hash result",
      "      PKT_RX_IP_CKSUM_GOOD (0x0080) IP cksum of RX pkt. is valid",
      "    Packet Types",
      "      RTE_PTYPE_L2_ETHER (0x0001) Ethernet packet",
      "      RTE_PTYPE_L3_IPV4 (0x0010) IPv4 packet without extension headers",
      "  IP4: 0c:5d:87:aa:00:01 -> 0c:90:82:92:00:01",
    );
    expect(warnings).toEqual([]);
    expect(record.fields.kv).toBeUndefined();
    expect(record.fields.buffer).toMatchObject({ index: 0x98c1e, length: 92, flags: ["ext-hdr-valid"] });
    expect(record.fields.mbuf).toEqual({
      port: 0, nbSegs: 1, pktLen: 92, bufLen: 2176, dataLen: 92, olFlags: 0x182, dataOff: 128, physAddr: "0xd5030800",
      packetType: 0x11, l2Len: 0, l3Len: 0, outerL2Len: 0, outerL3Len: 0, rss: 0, fdirHi: 0, fdirLo: 0,
      offloadFlags: ["PKT_RX_RSS_HASH", "PKT_RX_IP_CKSUM_GOOD"],
      packetTypes: ["RTE_PTYPE_L2_ETHER", "RTE_PTYPE_L3_IPV4"],
    });
  });

  it("reads the 16.09 mbuf, whose packet type line holds nothing else and which has no RSS line", () => {
    const { record, warnings } = decodeOne(
      "00:00:19:294697: dpdk-input",
      "  GigabitEthernetb/0/0 rx queue 0",
      "  buffer 0x10e6b: current data 0, length 214, free-list 0, totlen-nifb 0, trace 0x0",
      "  PKT MBUF: port 0, nb_segs 1, pkt_len 214",
      "    buf_len 2176, data_len 214, ol_flags 0x0, data_off 128, phys_addr 0xe9a35a00",
      "    packet_type 0x0",
      "  IP6: 00:50:56:9c:df:72 -> 00:50:56:9c:be:55",
    );
    expect(warnings).toEqual([]);
    expect(record.fields.mbuf).toMatchObject({ pktLen: 214, packetType: 0, offloadFlags: [], packetTypes: [] });
    expect(record.fields.mbuf?.rss).toBeUndefined();
  });
});

describe("other device input lines", () => {
  it("reads memif's ring and vhost-user's ring flags and virtio-net header", () => {
    expect(decodeOne("00:00:10:677649: memif-input", "  memif: hw_if_index 1 next-index 4", "    slot: ring 0").record.fields.input).toEqual({ driver: "memif", hwIfIndex: 1, nextIndex: 4, ring: 0 });
    const { record, warnings } = decodeOne(
      "04:36:30:022253: vhost-user-input",
      "     VirtualEthernet0/0/17 queue 0",
      "   virtio flags:",
      "    INDIRECT Indirect descriptor",
      "   virtio_net_hdr first_desc_len 12",
      "     flags 0x00 gso_type 0",
      "     num_buff 0",
    );
    expect(warnings).toEqual([]);
    expect(record.fields.kv).toBeUndefined();
    expect(record.fields.input).toMatchObject({ driver: "vhost-user", interface: "VirtualEthernet0/0/17", rxQueue: 0 });
    expect(record.fields.vhost).toEqual({ ringFlags: ["INDIRECT"], firstDescLen: 12, hdrFlags: 0, gsoType: 0, numBuffers: 0 });
  });

  it("reads ip4-icmp-echo-reply's echo id and sequence", () => {
    expect(decodeOne("00:18:16:407104: ip4-icmp-echo-reply", "  ICMP echo id 7531 seq 1").record.fields.l4).toEqual({ proto: "ICMP", icmpId: 7531, icmpSeq: 1, line: 2 });
  });

  it("reads a buffer flags line with offload flags (two blanks), qos and gso values", () => {
    const { record, warnings } = decodeOne(
      "00:00:01:000000: host-eth0-tx",
      "  af_packet: hw_if_index 1 tx-queue 0",
      "    buffer 0x1:",
      "      current data 0, length 74, buffer-pool 0, ref-count 1",
      "      ip4 offload-tcp-cksum  l2-hdr-offset 0 l3-hdr-offset 14 l4-hdr-offset 34 qos 3.1 loop-counter 2 ",
    );
    expect(warnings).toEqual([]);
    expect(record.fields.buffer).toEqual({ index: 1, currentData: 0, length: 74, bufferPool: 0, refCount: 1, flags: ["ip4", "offload-tcp-cksum", "qos 3.1", "loop-counter 2"], l2HdrOffset: 0, l3HdrOffset: 14, l4HdrOffset: 34 });
  });
});
