/**
 * ARP: arp-input, arp-reply, arp-proxy, and the ARP packet as output and tx nodes print it
 * (src/vnet/ethernet/arp_packet.c format_ethernet_arp_header):
 *   request, type ethernet/IP4, address size 6/4
 *   02:fe:01:ee:00:02/192.168.41.2 -> 00:00:00:00:00:00/192.168.41.1
 * The address line is printed only for Ethernet/IPv4 (sizes 6/4), under the first line.
 */
import { LineShape } from "../../../grammar/line-shape.js";
import { U32 } from "../../../grammar/line-shapes.js";
import { shaped, type LineRule, type NodeDecoder } from "./types.js";

const MAC = "([0-9a-f]{2}(?::[0-9a-f]{2}){5})";
const IP4 = "(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})";
const OPCODE = new LineShape("ARP line", [
  ["([a-z-]+|unknown 0x[0-9a-f]+), ", "an ARP opcode"],
  "type ([a-z0-9-]+|unknown 0x[0-9a-f]+)/(\\S+), ",
  `address size ${U32}/${U32}`,
], { lead: "[a-z-]+, type " });
const ADDRESSES = new LineShape("ARP address line", [`${MAC}/${IP4} `, "-> ", [`${MAC}/${IP4}`, "MAC/A.B.C.D"]], { lead: "[0-9a-f]{2}(?::[0-9a-f]{2}){5}/" });

export const arpRules: LineRule[] = [
  shaped(OPCODE, {
    name: "arp",
    fills: "arp",
    apply(m, { fields }) {
      fields.arp = { opcode: m[1], hardware: m[2], protocol: m[3], hardwareSize: Number(m[4]), protocolSize: Number(m[5]) };
    },
  }),
  shaped(ADDRESSES, {
    name: "arp-addresses",
    fills: "arp",
    after: "arp",
    apply(m, { fields }) {
      Object.assign(fields.arp!, { senderMac: m[1], senderIp: m[2], targetMac: m[3], targetIp: m[4] });
    },
  }),
];

export const arpDecoder: NodeDecoder = {
  family: "arp",
  kind: "arp",
  names: ["arp-input", "arp-reply", "arp-proxy", "arp-disabled"],
  expected: { rule: "arp", description: "`request, type ethernet/IP4, address size 6/4`" },
  rules: arpRules,
};
