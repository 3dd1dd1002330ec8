/**
 * Interface output and tx nodes: `tap8-output`, `loop0-output`,
 * `GigabitEthernet0/8/0-output`, `GigabitEthernet0/8/0-tx`. The first line names the
 * interface (dpdk tx adds `tx queue N`; 20.05–22.10 leave a trailing space; ≥ 23.02 add
 * `flags 0x…`), then the packet as sent: MAC pair, IPv4/L4 summaries (shared shapes).
 * From 23.x af_packet's tx node (`host-<if>-tx`) prints its own line
 * `af_packet: hw_if_index 3 tx-queue 0`, its tpacket and vnet-hdr blocks, `buffer 0x…:` with
 * the buffer's lines under it, then the frame as sent, all indented under the first line.
 */
import { LineShape } from "../../../grammar/line-shape.js";
import { U32 } from "../../../grammar/line-shapes.js";
import { afPacketRules } from "./af-packet.js";
import { arpRules } from "./arp.js";
import { bufferRules } from "./buffer.js";
import { mbufRules } from "./dpdk-mbuf.js";
import { num, shaped, type NodeDecoder } from "./types.js";

const AF_PACKET_TX = new LineShape("af_packet tx line", ["af_packet: ", `hw_if_index ${U32} `, `tx-queue ${U32}`]);

export const interfaceDecoder: NodeDecoder = {
  family: "interface-output",
  kind: "output",
  pattern: /-(?:output|tx)$/,
  rules: [
    {
      name: "interface",
      fills: "output",
      firstOnly: true,
      pattern: /^(\S+)(?: tx queue (\d+))?(?: flags 0x([0-9a-f]+))?$/,
      apply(m, { fields }) {
        fields.output = { interface: m[1] };
        if (m[2] !== undefined) fields.output.txQueue = num(m[2]);
      },
    },
    shaped(AF_PACKET_TX, {
      name: "interface",
      fills: "output",
      firstOnly: true,
      apply(m, { fields, node }) {
        // The line names no interface: the node does (`host-lv1b-tx`).
        fields.output = { interface: node.replace(/-(?:tx|output)$/, ""), driver: "af_packet", hwIfIndex: num(m[1]), txQueue: num(m[2]) };
      },
    }),
    ...afPacketRules,
    ...bufferRules,
    // An ARP frame sent: its header under the MAC pair.
    ...arpRules,
    ...mbufRules,
  ],
};
