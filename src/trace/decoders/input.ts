/**
 * Device input nodes, where a packet enters VPP: virtio-input (TAP v2), tapcli-rx (TAP v1),
 * dpdk-input (NIC), af-packet-input, pg-input, memif-input, vhost-user-input.
 * They print the receiving interface, ring and buffer details; dpdk also the mbuf.
 */
import { hexDumpOf, parseKeyValues } from "../shapes.js";
import { afPacketRules } from "./af-packet.js";
import { bufferRules } from "./buffer.js";
import { mbufRules } from "./dpdk-mbuf.js";
import { LineShape } from "../../../grammar/line-shape.js";
import { U32 } from "../../../grammar/line-shapes.js";
import { num, shaped, type LineRule, type NodeDecoder } from "./types.js";
import { LineMemo } from "../memo.js";
import type { KvValue, RecordFields } from "../../model/trace.js";

const VIRTIO = new LineShape("virtio line", ["virtio: ", `hw_if_index ${U32} `, `next-index ${U32} `, `vring ${U32} `, `len ${U32}`]);
/** Drivers that print `<driver>: hw_if_index N[ rx-queue N] next-index N`, and more after it. */
const HW_IF = new LineShape("device input line", [
  ["(af_packet|memif|tapcli|af_xdp|avf|rdma|vmxnet3|netmap|tuntap): ", "'DRIVER: '"],
  [`(?:hw_if_index|sw_if_index) ${U32}`, "'hw_if_index N'"],
  `(?: rx-queue ${U32})?`,
  ` next-index ${U32}`,
  ["(?: [^\\n]*)?", "' …' or the end of the line"],
]);
/** `, sw_if_index 1` since 19.08; `, 1 sw_if_index` before (VPP commit 1671d3be, "pg:
 *  format_pg_input_trace - reorder fields"), as in VPP's handoffdemo example. */
const PG_STREAM = new LineShape("pg-input line", ["stream (\\S+), ", `${U32} bytes`, `(?:, sw_if_index ${U32}|, ${U32} sw_if_index)?`, "(?:, next_node (\\S+))?"]);

/** A virtio header line's pairs, keys prefixed: every packet prints one of a few such lines. */
const headerPairs = new LineMemo<[string, KvValue][]>(256);

const prefixedPairs = (text: string): [string, KvValue][] => Object.entries(parseKeyValues(text)).map(([k, v]) => [`hdr.${k}`, v]);
const virtioHeaderPairs = (text: string): [string, KvValue][] => headerPairs.through(text, prefixedPairs);

/** Nodes at which a packet starts when a trace has no `Packet N` framing. */
export const DEVICE_INPUT_NODES = [
  "virtio-input",
  "tapcli-rx",
  "dpdk-input",
  "af-packet-input",
  "af_xdp-input",
  "pg-input",
  "memif-input",
  "vhost-user-input",
  "avf-input",
  "rdma-input",
  "vmxnet3-input",
  "netmap-input",
  "tuntap-rx",
];

/** vhost-user-input (src/plugins/vhost/vhost_user_inline.h format_vhost_trace): under the
 *  interface line, `virtio flags:` and one `NAME description` line per ring flag, then the
 *  virtio-net header in two or three lines. */
const VHOST_FLAG = /^([A-Z][A-Z_]+) ([A-Z][^\n]*)$/;
const VHOST_DESC = new LineShape("vhost-user line", ["virtio_net_hdr ", `first_desc_len ${U32}`]);
const VHOST_HDR = new LineShape("vhost-user line", ["flags 0x([0-9a-f]{2}) ", `gso_type ${U32}`], { lead: "flags 0x[0-9a-f]{2} gso_type \\d+$" });
const VHOST_BUFFERS = new LineShape("vhost-user line", [`num_buff ${U32}`]);

const vhost = (fields: RecordFields): NonNullable<RecordFields["vhost"]> => (fields.vhost ??= { ringFlags: [] });

const vhostRules: LineRule[] = [
  { name: "vhost-flags", fills: "vhost", pattern: /^virtio flags:$/, apply: (_m, { fields }) => void vhost(fields) },
  { name: "vhost-flag", fills: "vhost", after: "vhost-flags", pattern: VHOST_FLAG, apply: (m, { fields }) => void vhost(fields).ringFlags.push(m[1]) },
  { name: "vhost-flag", fills: "vhost", after: "vhost-flag", pattern: VHOST_FLAG, apply: (m, { fields }) => void vhost(fields).ringFlags.push(m[1]) },
  shaped(VHOST_DESC, { name: "vhost-desc", fills: "vhost", apply: (m, { fields }) => void (vhost(fields).firstDescLen = num(m[1])) }),
  shaped(VHOST_HDR, {
    name: "vhost-hdr",
    fills: "vhost",
    after: "vhost-desc",
    apply(m, { fields }) {
      Object.assign(vhost(fields), { hdrFlags: parseInt(m[1], 16), gsoType: num(m[2]) });
    },
  }),
  shaped(VHOST_BUFFERS, { name: "vhost-buffers", fills: "vhost", after: "vhost-hdr", apply: (m, { fields }) => void (vhost(fields).numBuffers = num(m[1])) }),
];

const inputRules: LineRule[] = [
  shaped(VIRTIO, {
    // virtio: hw_if_index 7 next-index 4 vring 0 len 74
    name: "virtio",
    fills: "input",
    apply(m, { fields }) {
      fields.input = { driver: "virtio", hwIfIndex: num(m[1]), nextIndex: num(m[2]), vring: num(m[3]), len: num(m[4]) };
    },
  }),
  shaped(HW_IF, {
    // af_packet: hw_if_index 1 [rx-queue 0 ]next-index 4  /  memif: hw_if_index 1 next-index 4
    name: "hw-if",
    fills: "input",
    apply(m, { fields }) {
      fields.input = { driver: m[1], hwIfIndex: num(m[2]), nextIndex: num(m[4]) };
      if (m[3] !== undefined) fields.input.rxQueue = num(m[3]);
    },
  }),
  {
    // GigabitEthernet0/8/0 rx queue 0   (dpdk-input)
    name: "dpdk-rx",
    fills: "input",
    firstOnly: true,
    pattern: /^(\S+) rx queue (\d+)$/,
    apply(m, { fields }) {
      fields.input = { driver: "dpdk", interface: m[1], rxQueue: num(m[2]) };
    },
  },
  shaped(PG_STREAM, {
    // stream pcap1, 60 bytes[, sw_if_index 1, next_node ethernet-input]   (pg-input)
    name: "pg-stream",
    fills: "input",
    apply(m, { fields }) {
      fields.input = { driver: "pg", interface: m[1], len: num(m[2]) };
      const swIfIndex = m[3] ?? m[4];
      if (swIfIndex !== undefined) fields.input.hwIfIndex = num(swIfIndex);
      if (m[5] !== undefined) (fields.kv ??= {}).next_node = m[5];
    },
  }),
  {
    // VirtualEthernet0/0/17 queue 0   (vhost-user-input)
    name: "vhost-queue",
    fills: "input",
    firstOnly: true,
    pattern: /^(\S+) queue (\d+)$/,
    apply(m, { fields }) {
      fields.input = { driver: "vhost-user", interface: m[1], rxQueue: num(m[2]) };
    },
  },
  {
    // memif: `slot: ring 0` under the first line (src/plugins/memif/node.c)
    name: "memif-ring",
    fills: "input",
    after: "hw-if",
    pattern: /^slot: ring (\d{1,10})$/,
    apply(m, { fields }) {
      if (fields.input !== undefined) fields.input.ring = num(m[1]);
    },
  },
  ...vhostRules,
  {
    // hdr: flags 0x00 gso_type 0x00 … num_buffers 1   (virtio header of the received packet)
    name: "virtio-hdr",
    fills: "kv",
    pattern: /^hdr: ([^\n]*)$/,
    apply(m, { fields }) {
      const kv = (fields.kv ??= {});
      for (const [key, value] of virtioHeaderPairs(m[1])) kv[key] = value;
    },
  },
  {
    // Packet Dump (truncated)   (dpdk-input of a verbose capture: `trace add dpdk-input N verbose`)
    name: "packet-dump",
    fills: null,
    pattern: /^Packet Dump(?: \(truncated\))?$/,
    apply() {},
  },
  {
    //   00000: 08 00 27 a2 a4 50 08 00 27 72 95 8d 08 00 45 00 [..'..P..'r....E.]
    // vppinfra's format_hexdump: 16 bytes a line, then the printable ones in brackets.
    name: "packet-dump-line",
    fills: "hexdump",
    pattern: /^([0-9a-f]{5}): ((?:[0-9a-f]{2} )+)/,
    apply(m, { fields, line }) {
      const first = fields.hexdump;
      fields.hexdump = hexDumpOf((first?.bytes ?? "") + m[2].replaceAll(" ", ""), first?.line ?? line.line);
    },
  },
  ...afPacketRules,
  ...mbufRules,
  ...bufferRules,
];

export const inputDecoder: NodeDecoder = {
  family: "device-input",
  kind: "input",
  names: DEVICE_INPUT_NODES,
  rules: inputRules,
};
