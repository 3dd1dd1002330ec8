/**
 * The blocks af_packet prints under its first line, on receive (af-packet-input) and, from
 * 23.x, on transmit (`host-<if>-tx`), each a heading with its lines indented under it
 * (src/plugins/af_packet/node.c format_af_packet_input_trace, device.c
 * format_af_packet_tx_trace):
 *     block 1:                                            (rx, TPACKET_V3 only)
 *       address 0x7fcaf1636000 version 2 seq_num 2 pkt_num 0
 *     tpacket3_hdr:                                       (tpacket2_hdr: on TPACKET_V2)
 *       status 0x9 len 74 snaplen 74 mac 92 net 106
 *       sec 0x6b175957 nsec 0x2d7cbf16 vlan 0 vlan_tpid 0
 *     vnet-hdr:
 *       flags 0x01 gso_type 0x00 hdr_len 0
 *       gso_size 0 csum_start 34 csum_offset 16
 * Each line is read only under its heading (and in this order), so a line out of place is
 * not taken for another block's.
 */
import { LineShape } from "../../../grammar/line-shape.js";
import { HEX32, U32 } from "../../../grammar/line-shapes.js";
import type { AfPacketFields, RecordFields } from "../../model/trace.js";
import { hexNum, num, shaped, type LineRule } from "./types.js";

const BLOCK = new LineShape("af_packet block line", ["block ", [`${U32}:`, "'N:'"]], { lead: "block \\d+:$" });
const BLOCK_ADDRESS = new LineShape("af_packet block line", ["address 0x([0-9a-f]{1,16}) ", `version ${U32} `, "seq_num (\\d{1,20}) ", `pkt_num ${U32}`], { lead: "address 0x[0-9a-f]+ version " });
const TPACKET = new LineShape("af_packet tpacket line", ["tpacket", ["([23])_hdr:", "'2_hdr:' or '3_hdr:'"]]);
const TPACKET_STATUS = new LineShape("af_packet tpacket line", [`status 0x${HEX32} `, `len ${U32} `, `snaplen ${U32} `, `mac ${U32} `, `net ${U32}`], { lead: "status 0x[0-9a-f]+ len \\d+ snaplen " });
/** The VLAN TCI as format_ethernet_vlan_tci prints it: id, then ` priority N`, ` cfi`. */
const TPACKET_TIME = new LineShape("af_packet tpacket line", [`sec 0x${HEX32} `, `nsec 0x${HEX32} `, `vlan ${U32}`, `(?: priority ${U32})?`, "( cfi)?", `(?: vlan_tpid ${U32})?`], { lead: "sec 0x[0-9a-f]+ nsec 0x" });
const VNET_HDR = new LineShape("af_packet vnet-hdr line", ["vnet-hdr:"]);
const VNET_HDR_FLAGS = new LineShape("af_packet vnet-hdr line", ["flags 0x([0-9a-f]{2}) ", "gso_type 0x([0-9a-f]{2}) ", `hdr_len ${U32}`], { lead: "flags 0x[0-9a-f]{2} gso_type 0x" });
const VNET_HDR_GSO = new LineShape("af_packet vnet-hdr line", [`gso_size ${U32} `, `csum_start ${U32} `, `csum_offset ${U32}`], { lead: "gso_size \\d+ csum_start " });

const afPacket = (fields: RecordFields): AfPacketFields => (fields.afPacket ??= {});

export const afPacketRules: LineRule[] = [
  shaped(BLOCK, {
    name: "af-packet-block",
    fills: "afPacket",
    apply(m, { fields }) {
      afPacket(fields).block = { number: Number(m[1]) };
    },
  }),
  shaped(BLOCK_ADDRESS, {
    name: "af-packet-block-address",
    fills: "afPacket",
    after: "af-packet-block",
    apply(m, { fields }) {
      const block = (afPacket(fields).block ??= {});
      block.address = `0x${m[1]}`;
      block.version = num(m[2]);
      block.seqNum = num(m[3]);
      block.pktNum = num(m[4]);
    },
  }),
  shaped(TPACKET, {
    name: "af-packet-tpacket",
    fills: "afPacket",
    apply(m, { fields }) {
      afPacket(fields).tpacket = { version: Number(m[1]) as 2 | 3 };
    },
  }),
  shaped(TPACKET_STATUS, {
    name: "af-packet-tpacket-status",
    fills: "afPacket",
    after: "af-packet-tpacket",
    apply(m, { fields }) {
      Object.assign((afPacket(fields).tpacket ??= {}), { status: hexNum(m[1]), len: num(m[2]), snaplen: num(m[3]), mac: num(m[4]), net: num(m[5]) });
    },
  }),
  shaped(TPACKET_TIME, {
    name: "af-packet-tpacket-time",
    fills: "afPacket",
    after: "af-packet-tpacket-status",
    apply(m, { fields }) {
      const tpacket = (afPacket(fields).tpacket ??= {});
      Object.assign(tpacket, { sec: hexNum(m[1]), nsec: hexNum(m[2]), vlan: num(m[3]) });
      if (m[4] !== undefined) tpacket.vlanPriority = num(m[4]);
      if (m[5] !== undefined) tpacket.vlanCfi = true;
      if (m[6] !== undefined) tpacket.vlanTpid = num(m[6]);
    },
  }),
  shaped(VNET_HDR, {
    name: "af-packet-vnet-hdr",
    fills: "afPacket",
    apply(_m, { fields }) {
      afPacket(fields).vnetHdr = {};
    },
  }),
  shaped(VNET_HDR_FLAGS, {
    name: "af-packet-vnet-hdr-flags",
    fills: "afPacket",
    after: "af-packet-vnet-hdr",
    apply(m, { fields }) {
      Object.assign((afPacket(fields).vnetHdr ??= {}), { flags: hexNum(m[1]), gsoType: hexNum(m[2]), hdrLen: num(m[3]) });
    },
  }),
  shaped(VNET_HDR_GSO, {
    name: "af-packet-vnet-hdr-gso",
    fills: "afPacket",
    after: "af-packet-vnet-hdr-flags",
    apply(m, { fields }) {
      Object.assign((afPacket(fields).vnetHdr ??= {}), { gsoSize: num(m[1]), csumStart: num(m[2]), csumOffset: num(m[3]) });
    },
  }),
];
