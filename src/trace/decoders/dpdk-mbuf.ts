/**
 * The DPDK mbuf as dpdk-input and a DPDK tx node print it, over several lines under
 * `PKT MBUF:` (src/plugins/dpdk/device/format.c format_dpdk_rte_mbuf):
 *   PKT MBUF: port 0, nb_segs 1, pkt_len 92
 *     buf_len 2176, data_len 92, ol_flags 0x0, data_off 128, phys_addr 0xd5030800
 *     packet_type 0x0 l2_len 0 l3_len 0 outer_l2_len 0 outer_l3_len 0 [l4_len N tso_segsz N]
 *     rss 0x0 fdir.hi 0x0 fdir.lo 0x0
 *     Packet Offload Flags                       (when ol_flags is not 0)
 *       PKT_RX_IP_CKSUM_GOOD (0x0080) IP cksum of RX pkt. is valid
 *     Packet Types                               (when packet_type is not 0)
 *       RTE_PTYPE_L2_ETHER (0x0001) Ethernet packet
 * Releases up to 17.x print `packet_type 0x0` alone and no rss line. Each line is read only
 * after the one it follows, so an offload flag line is never taken for a packet type.
 */
import { LineShape } from "../../../grammar/line-shape.js";
import { U32 } from "../../../grammar/line-shapes.js";
import type { MbufFields, RecordFields } from "../../model/trace.js";
import { hexNum, num, shaped, type LineRule } from "./types.js";

const HEX = "0x([0-9a-f]{1,16})";
const MBUF = new LineShape("DPDK mbuf line", ["PKT MBUF: ", `port ${U32}, `, `nb_segs ${U32}, `, `pkt_len ${U32}`]);
const LENGTHS = new LineShape("DPDK mbuf line", [`buf_len ${U32}, `, `data_len ${U32}, `, `ol_flags ${HEX}, `, `data_off ${U32}, `, `phys_addr ${HEX}`], { lead: "buf_len \\d" });
const TYPES = new LineShape(
  "DPDK mbuf line",
  [`packet_type ${HEX}`, `(?: l2_len ${U32} l3_len ${U32} outer_l2_len ${U32} outer_l3_len ${U32})?`, [`(?: l4_len ${U32} tso_segsz ${U32})?`, "' l4_len N tso_segsz N'"]],
  { lead: "packet_type 0x" },
);
const RSS = new LineShape("DPDK mbuf line", [`rss ${HEX} `, `fdir\\.hi ${HEX} `, `fdir\\.lo ${HEX}`], { lead: "rss 0x" });
/** `PKT_RX_IP_CKSUM_GOOD (0x0080) IP cksum of RX pkt. is valid` / `RTE_PTYPE_L2_ETHER (0x0001) Ethernet packet` */
const FLAG = /^((?:PKT|RTE_MBUF_F|RTE_PTYPE)_[A-Z0-9_]+) \(0x[0-9a-f]+\)(?: [^\n]*)?$/;

/** The lines under a `Packet Offload Flags` / `Packet Types` heading: the first right after
 *  it, each next one after the one before. */
function flagLines(name: string, heading: string, list: "offloadFlags" | "packetTypes"): LineRule[] {
  const apply: LineRule["apply"] = (m, { fields }) => {
    mbuf(fields)[list].push(m[1]);
  };
  return [
    { name, fills: "mbuf", after: heading, pattern: FLAG, apply },
    { name, fills: "mbuf", after: name, pattern: FLAG, apply },
  ];
}

const mbuf = (fields: RecordFields): MbufFields => (fields.mbuf ??= { offloadFlags: [], packetTypes: [] });

export const mbufRules: LineRule[] = [
  shaped(MBUF, {
    name: "mbuf",
    fills: "mbuf",
    apply(m, { fields }) {
      fields.mbuf = { port: num(m[1]), nbSegs: num(m[2]), pktLen: num(m[3]), offloadFlags: [], packetTypes: [] };
    },
  }),
  shaped(LENGTHS, {
    name: "mbuf-lengths",
    fills: "mbuf",
    after: "mbuf",
    apply(m, { fields }) {
      Object.assign(mbuf(fields), { bufLen: num(m[1]), dataLen: num(m[2]), olFlags: hexNum(m[3]), dataOff: num(m[4]), physAddr: `0x${m[5]}` });
    },
  }),
  shaped(TYPES, {
    name: "mbuf-types",
    fills: "mbuf",
    after: "mbuf-lengths",
    apply(m, { fields }) {
      const b = mbuf(fields);
      b.packetType = hexNum(m[1]);
      if (m[2] !== undefined) Object.assign(b, { l2Len: num(m[2]), l3Len: num(m[3]), outerL2Len: num(m[4]), outerL3Len: num(m[5]) });
      if (m[6] !== undefined) Object.assign(b, { l4Len: num(m[6]), tsoSegsz: num(m[7]) });
    },
  }),
  shaped(RSS, {
    name: "mbuf-rss",
    fills: "mbuf",
    after: "mbuf-types",
    apply(m, { fields }) {
      Object.assign(mbuf(fields), { rss: hexNum(m[1]), fdirHi: hexNum(m[2]), fdirLo: hexNum(m[3]) });
    },
  }),
  { name: "mbuf-offload-flags", fills: "mbuf", pattern: /^Packet Offload Flags$/, apply() {} },
  ...flagLines("mbuf-offload-flag", "mbuf-offload-flags", "offloadFlags"),
  { name: "mbuf-packet-types", fills: "mbuf", pattern: /^Packet Types$/, apply() {} },
  ...flagLines("mbuf-packet-type", "mbuf-packet-types", "packetTypes"),
];
