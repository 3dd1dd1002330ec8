/**
 * ACL plugin nodes acl-plugin-{in,out}-{ip4,ip6}-{fa,l2} (and the pre-17.07 `ACL_IN:` node):
 *   acl-plugin: [lc_index: 0, ]sw_if_index 7, next index 1, action: 2, match: acl 1 rule 0 trace_bits 00000000
 *   pkt info <six 64-bit words: the fa_5tuple_t hash key, little-endian>
 *    input sw_if_index 7 (lsb16 7) l3 ip4 10.1.1.12 -> 10.1.1.9 l4 proto 6 l4_valid 1 port 39820 -> 8080 tcp flags (valid) 02 rsvd 0
 * Action: 0 deny, 1 permit, 2 permit+reflect (session created), 3 existing session hit
 * (then `acl -1 rule <session>` and trace_bits 80000000).
 */
import { LineShape } from "../../../grammar/line-shape.js";
import { HEX32, I32, U32 } from "../../../grammar/line-shapes.js";
import type { AclFields, AclTuple } from "../../model/trace.js";
import { decodePktInfo } from "./acl-pkt-info.js";
import { hexNum, num, shaped, type NodeDecoder } from "./types.js";

const HEADER = new LineShape(
  "ACL line",
  ["acl-plugin: ", `(?:lc_index: ${I32}, )?`, `sw_if_index ${U32}, `, `next index ${U32}, `, `action: ${U32}, `, `match: acl ${I32} `, `rule ${I32} `, "trace_bits ([0-9a-f]{1,8})"],
);
const OLD_HEADER = new LineShape(
  "ACL line",
  [["ACL_(IN|OUT): ", "'ACL_IN: ' or 'ACL_OUT: '"], `sw_if_index ${U32}, `, `next index ${U32}, `, [`match: (?:in|out)acl ${I32} `, "'match: inacl N'"], `rule ${I32} `, "trace_bits ([0-9a-f]{1,8})"],
  { lead: "ACL_(?:IN|OUT): " },
);
const PKT_INFO = new LineShape("ACL pkt info line", ["pkt info ", ["((?:[0-9a-f]{16} ?){6})", "six words of 16 hex digits"]]);
/** ` l3 ip4 10.1.1.12 -> 10.1.1.9 `, the addresses of every release's 5-tuple line. */
const L3: (string | [string, string])[] = [["l3 (ip4|ip6)", "'l3 ip4' or 'l3 ip6'"], ["(?: non-initial fragment)? ", "' '"], ["(\\S+) ", "an address"], "-> ", ["(\\S+) ", "an address"]];
const TCP_FLAGS: (string | [string, string])[] = [["tcp flags \\((valid|invalid)\\) ", "'tcp flags (valid)'"], ["([0-9a-f]{1,2}) ", "hex digits"], `rsvd ${U32}`];
/** v17.04–v18.01 (the guide's release): `input sw_if_index 7 (lsb16 7) l3 ip4 … l4 proto 6 l4_valid 1 …` */
const TUPLE_1704 = new LineShape(
  "ACL 5-tuple line",
  [["(input|output) ", "'input' or 'output'"], `sw_if_index ${U32} `, `\\(lsb16 ${U32}\\) `, ...L3, `l4 proto ${U32} `, "l4_valid (\\d) ", `port ${U32} `, "-> ", [`${U32} `, "a port"], ...TCP_FLAGS],
  { lead: "(?:input|output) sw_if_index " },
);
/** v18.04–v18.10: `lc_index 0 (lsb16 of sw_if_index 7) l3 ip4 … l4 proto 6 l4_valid 1 …` */
const TUPLE_1804 = new LineShape(
  "ACL 5-tuple line",
  [`lc_index ${I32} `, `\\(lsb16 of sw_if_index ${U32}\\) `, ...L3, `l4 proto ${U32} `, "l4_valid (\\d) ", `port ${U32} `, "-> ", [`${U32} `, "a port"], ...TCP_FLAGS],
  { lead: "lc_index -?\\d" },
);
/** ≥ v19.01: `lc_index 0 l3 ip4 … l4 lsb_of_sw_if_index 7 proto 6 l4_is_input 1 l4_slow_path 0 l4_flags 0x01 port …` */
const TUPLE_1901 = new LineShape(
  "ACL 5-tuple line",
  [`lc_index ${I32} `, ...L3, `l4 lsb_of_sw_if_index ${U32} `, `proto ${U32} `, "l4_is_input (\\d) ", "l4_slow_path (\\d) ", `l4_flags 0x${HEX32} `, `port ${U32} `, "-> ", [`${U32} `, "a port"], ...TCP_FLAGS],
  { lead: "lc_index -?\\d" },
);

/** What the node's name says (`acl-plugin-out-ip4-fa`: egress, IPv4); what it does not say
 *  is left out, never guessed. The interface comes from the ACL line only. */
function aclFromNode(node: string): AclFields {
  const m = /^acl-plugin-(in|out)(?:-(ip4|ip6))?(?:-(fa|l2))?/.exec(node);
  const acl: AclFields = {};
  if (m === null) return acl;
  acl.direction = m[1] === "out" ? "out" : "in";
  const layer = m[3] === "l2" ? "l2" : m[2];
  if (layer !== undefined) acl.layer = layer as AclFields["layer"];
  return acl;
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
    shaped(HEADER, {
      name: "header",
      fills: "acl",
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
    }),
    shaped(OLD_HEADER, {
      name: "header",
      fills: "acl",
      apply(m, { fields, node }) {
        const a = acl(fields, node);
        a.direction = m[1] === "OUT" ? "out" : "in";
        a.swIfIndex = Number(m[2]);
        a.nextIndex = num(m[3]);
        a.acl = num(m[4]);
        a.rule = num(m[5]);
        a.traceBits = hexNum(m[6]);
      },
    }),
    shaped(PKT_INFO, {
      name: "pkt-info",
      fills: "acl",
      apply(m, { fields, node, line }) {
        const a = acl(fields, node);
        a.pktInfo = m[1].trim().split(" ");
        a.pktInfoLine = line.line;
      },
    }),
    shaped(TUPLE_1704, {
      name: "tuple",
      fills: "acl",
      apply(m, { fields, node, line }) {
        const a = acl(fields, node);
        const t = tuple(m[5], m[6], m[7], m[9], m[10], m[11], m[12]);
        t.swIfIndex = Number(m[2]);
        t.isInput = m[1] === "input";
        t.l4Valid = m[8] === "1";
        a.tuple = t;
        a.tupleLine = line.line;
      },
    }),
    shaped(TUPLE_1804, {
      name: "tuple",
      fills: "acl",
      apply(m, { fields, node, line }) {
        const a = acl(fields, node);
        const t = tuple(m[4], m[5], m[6], m[8], m[9], m[10], m[11]);
        t.lcIndex = Number(m[1]);
        t.swIfIndex = Number(m[2]);
        t.l4Valid = m[7] === "1";
        a.tuple = t;
        a.tupleLine = line.line;
      },
    }),
    shaped(TUPLE_1901, {
      name: "tuple",
      fills: "acl",
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
    }),
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
