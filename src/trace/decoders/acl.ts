/**
 * ACL plugin nodes acl-plugin-{in,out}-{ip4,ip6}-{fa,l2} (and the pre-17.07 `ACL_IN:` node):
 *   acl-plugin: [lc_index: 0, ]sw_if_index 7, next index 1, action: 2, match: acl 1 rule 0 trace_bits 00000000
 *   pkt info <six 64-bit words: the fa_5tuple_t hash key, little-endian>
 *    input sw_if_index 7 (lsb16 7) l3 ip4 10.1.1.12 -> 10.1.1.9 l4 proto 6 l4_valid 1 port 39820 -> 8080 tcp flags (valid) 02 rsvd 0
 * Action: 0 deny, 1 permit, 2 permit+reflect (session created), 3 existing session hit
 * (then `acl -1 rule <session>` and trace_bits 80000000).
 */
import type { AclFields, AclTuple } from "../../model/trace.js";
import { decodePktInfo } from "./acl-pkt-info.js";
import { hexNum, num, type NodeDecoder } from "./types.js";

const HEADER =
  /^acl-plugin: (?:lc_index: (-?\d+), )?sw_if_index (\d+), next index (\d+), action: (\d+), match: acl (-?\d+) rule (-?\d+) trace_bits ([0-9a-f]+)$/;
const OLD_HEADER = /^ACL_(IN|OUT): sw_if_index (\d+), next index (\d+), match: (?:in|out)acl (-?\d+) rule (-?\d+) trace_bits ([0-9a-f]+)$/;
/** v17.04–v18.01 (the guide's release): `input sw_if_index 7 (lsb16 7) l3 ip4 … l4 proto 6 l4_valid 1 …` */
const TUPLE_1704 =
  /^(input|output) sw_if_index (\d+) \(lsb16 (\d+)\) l3 (ip4|ip6)(?: non-initial fragment)? (\S+) -> (\S+) l4 proto (\d+) l4_valid (\d) port (\d+) -> (\d+) tcp flags \((valid|invalid)\) ([0-9a-f]+) rsvd (\d+)$/;
/** v18.04–v18.10: `lc_index 0 (lsb16 of sw_if_index 7) l3 ip4 … l4 proto 6 l4_valid 1 …` */
const TUPLE_1804 =
  /^lc_index (-?\d+) \(lsb16 of sw_if_index (\d+)\) l3 (ip4|ip6)(?: non-initial fragment)? (\S+) -> (\S+) l4 proto (\d+) l4_valid (\d) port (\d+) -> (\d+) tcp flags \((valid|invalid)\) ([0-9a-f]+) rsvd (\d+)$/;
/** ≥ v19.01: `lc_index 0 l3 ip4 … l4 lsb_of_sw_if_index 7 proto 6 l4_is_input 1 l4_slow_path 0 l4_flags 0x01 port …` */
const TUPLE_1901 =
  /^lc_index (-?\d+) l3 (ip4|ip6)(?: non-initial fragment)? (\S+) -> (\S+) l4 lsb_of_sw_if_index (\d+) proto (\d+) l4_is_input (\d) l4_slow_path (\d) l4_flags 0x([0-9a-f]+) port (\d+) -> (\d+) tcp flags \((valid|invalid)\) ([0-9a-f]+) rsvd (\d+)$/;

function aclFromNode(node: string): AclFields {
  const m = /^acl-plugin-(in|out)(?:-(ip4|ip6))?(?:-(fa|l2))?/.exec(node);
  const layer = m?.[3] === "l2" ? "l2" : m?.[2] === "ip6" ? "ip6" : "ip4";
  return { direction: m?.[1] === "out" ? "out" : "in", layer, swIfIndex: -1 };
}

const acl = (fields: { acl?: AclFields }, node: string): AclFields => (fields.acl ??= aclFromNode(node));

function tuple(src: string, dst: string, proto: string, srcPort: string, dstPort: string, valid: string, flags: string): AclTuple {
  return {
    src,
    dst,
    proto: Number(proto),
    srcPort: Number(srcPort),
    dstPort: Number(dstPort),
    tcpFlagsValid: valid === "valid",
    tcpFlags: parseInt(flags, 16),
  };
}

export const aclDecoder: NodeDecoder = {
  family: "acl-plugin",
  kind: "acl",
  pattern: /^acl-plugin-/,
  expected: { rule: "header", description: "`acl-plugin: sw_if_index N, next index N, action: N, match: acl N rule N trace_bits …`" },
  rules: [
    {
      name: "header",
      pattern: HEADER,
      apply(m, { fields, node }) {
        const a = acl(fields, node);
        if (m[1] !== undefined) a.lcIndex = num(m[1]);
        a.swIfIndex = Number(m[2]);
        a.nextIndex = num(m[3]);
        a.action = num(m[4]);
        a.acl = num(m[5]);
        a.rule = num(m[6]);
        a.traceBits = hexNum(m[7]);
      },
    },
    {
      name: "header",
      pattern: OLD_HEADER,
      apply(m, { fields, node }) {
        const a = acl(fields, node);
        a.direction = m[1] === "OUT" ? "out" : "in";
        a.swIfIndex = Number(m[2]);
        a.nextIndex = num(m[3]);
        a.acl = num(m[4]);
        a.rule = num(m[5]);
        a.traceBits = hexNum(m[6]);
      },
    },
    {
      name: "pkt-info",
      pattern: /^pkt info ((?:[0-9a-f]{16} ?){6})$/,
      apply(m, { fields, node, line }) {
        const a = acl(fields, node);
        a.pktInfo = m[1].trim().split(" ");
        a.pktInfoLine = line.line;
      },
    },
    {
      name: "tuple",
      pattern: TUPLE_1704,
      apply(m, { fields, node, line }) {
        const a = acl(fields, node);
        const t = tuple(m[5], m[6], m[7], m[9], m[10], m[11], m[12]);
        t.swIfIndex = Number(m[2]);
        t.isInput = m[1] === "input";
        t.l4Valid = m[8] === "1";
        a.tuple = t;
        a.tupleLine = line.line;
      },
    },
    {
      name: "tuple",
      pattern: TUPLE_1804,
      apply(m, { fields, node, line }) {
        const a = acl(fields, node);
        const t = tuple(m[4], m[5], m[6], m[8], m[9], m[10], m[11]);
        t.lcIndex = Number(m[1]);
        t.swIfIndex = Number(m[2]);
        t.l4Valid = m[7] === "1";
        a.tuple = t;
        a.tupleLine = line.line;
      },
    },
    {
      name: "tuple",
      pattern: TUPLE_1901,
      apply(m, { fields, node, line }) {
        const a = acl(fields, node);
        const t = tuple(m[3], m[4], m[6], m[10], m[11], m[12], m[13]);
        t.lcIndex = Number(m[1]);
        t.swIfIndex = Number(m[5]);
        t.isInput = m[7] === "1";
        t.isSlowPath = m[8] === "1";
        a.tuple = t;
        a.tupleLine = line.line;
      },
    },
  ],
};

/** The packed 5-tuple is decoded once all lines are in: its layout depends on which
 *  release printed the human-readable line. */
export function finishAcl(a: AclFields): void {
  if (a.pktInfo === undefined || a.pktInfo.length !== 6) return;
  const layout = a.tuple === undefined ? "guess" : a.tuple.lcIndex === undefined ? "v17.04" : "v18.04";
  const decoded = decodePktInfo(a.pktInfo, layout);
  if (decoded !== null) a.pktInfoTuple = decoded;
}
