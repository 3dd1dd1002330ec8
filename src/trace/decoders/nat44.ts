/**
 * NAT44 nodes: nat44-out2in, nat44-in2out[-slowpath][-output[-slowpath]] and their
 * nat44-ei-* / nat44-ed-* successors.
 *   NAT44_OUT2IN: sw_if_index 7, next index 1, session index -1
 *   NAT44_IN2OUT_SLOW_PATH: sw_if_index 3, next index 0, session 0
 * `session -1`: no session, nothing translated; ≥ 0: a session translated the packet.
 * ED ≥ 21.06 omits the session part when there is none, adds the translation's result, and
 * prints the session's two flows and the lookup under it
 * (src/plugins/nat/nat44-ed/nat44_ed_in2out.c format_nat_in2out_ed_trace, nat44_ed_out2in.c,
 * nat44_ed_format.c format_nat_6t_flow, format_ed_session_kvp):
 *   NAT44_OUT2IN_ED_FAST_PATH: sw_if_index 7, next index 10, session 0, translation result 'success' via o2if
 *   i2of match: saddr 10.1.1.2 sport 51048 daddr 203.0.113.10 dport 8080 proto TCP fib_idx 0 rewrite: saddr 192.168.41.1 sport 51048 … txfib 0
 *   o2if match: saddr 203.0.113.10 sport 8080 daddr 192.168.41.1 dport 51048 proto TCP fib_idx 0 rewrite: …
 *   search key local 203.0.113.10:8080 remote 192.168.41.1:51048 proto TCP fib 0 thread-index 0 session-index 0
 *   no reason for slow path                  (out2in fast path only)
 *   TCP state: established
 */
import { LineShape } from "../../../grammar/line-shape.js";
import { I32, U16, U32 } from "../../../grammar/line-shapes.js";
import type { NatFields, NatFlow } from "../../model/trace.js";
import { num, shaped, type NodeDecoder } from "./types.js";

const IP4 = "(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})";
/** format_ip_protocol: the protocol's name, else its number in hex. */
const PROTOCOL = "([A-Z][A-Z0-9_]*|unknown 0x[0-9a-f]+|0x[0-9a-f]+)";

const TRACE_LINE = new LineShape("NAT44 line", [
  ["(NAT44_[A-Z0-9_]+)(?: [a-z-]+)?: ", "'NAT44_…: '"],
  `sw_if_index ${U32}, `,
  `next index ${U32}`,
  [`(?:, session(?: index)? ${I32})?`, "', session N'"],
  ["(?:, translation result '([a-z-]+)' via (i2of|o2if))?", "', translation result '…' via i2of'"],
]);
/** One of the session's two flows: what it matches and what it rewrites. */
const FLOW = new LineShape("NAT44 flow line", [
  ["(i2of|o2if) match: ", "'i2of match: ' or 'o2if match: '"],
  [`saddr ${IP4} `, "'saddr A.B.C.D'"],
  [`sport ${U16} `, "'sport N' (0 to 65535)"],
  [`daddr ${IP4} `, "'daddr A.B.C.D'"],
  [`dport ${U16} `, "'dport N' (0 to 65535)"],
  `proto ${PROTOCOL} `,
  `fib_idx ${U32}`,
  ["((?: rewrite:(?: (?:saddr|daddr) \\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}| (?:sport|dport|icmp-id|txfib) \\d{1,10})+)?)", "' rewrite: saddr A.B.C.D …'"],
], { lead: "(?:i2of|o2if) match" });
const SEARCH_KEY = new LineShape("NAT44 search key line", [
  "search key ",
  [`local ${IP4}:${U16} `, "'local A.B.C.D:PORT'"],
  [`remote ${IP4}:${U16} `, "'remote A.B.C.D:PORT'"],
  `proto ${PROTOCOL} `,
  `fib ${U32} `,
  `thread-index ${U32} `,
  `session-index ${U32}`,
]);
const LOOKUP_SKIPPED = new LineShape("NAT44 line", ["lookup skipped - cached session index used"]);
/** nat44_ed_out2in.c format_slow_path_reason. */
const SLOW_PATH_REASON = new LineShape("NAT44 slow path line", [
  ["(no reason for slow path|slow path because (?:lookup failed|vrf expired|session expired)|invalid reason value)", "a slow path reason"],
], { lead: "no reason for slow|slow path because|invalid reason value" });
const TCP_STATE = new LineShape("NAT44 TCP state line", ["TCP state: ", ["([a-z]+|BUG! unexpected N_STATE! BUG!)", "'closed', 'established' or 'closing'"]]);

function flowOf(m: RegExpExecArray): NatFlow {
  const flow: NatFlow = { match: { saddr: m[2], sport: Number(m[3]), daddr: m[4], dport: Number(m[5]), proto: m[6], fibIdx: Number(m[7]) } };
  if (m[8] === "") return flow;
  flow.rewrite = {};
  for (const [, key, value] of m[8].matchAll(/ (saddr|daddr|sport|dport|icmp-id|txfib) (\S+)/g)) {
    if (key === "saddr" || key === "daddr") flow.rewrite[key] = value;
    else flow.rewrite[key === "icmp-id" ? "icmpId" : key as "sport" | "dport" | "txfib"] = Number(value);
  }
  return flow;
}

/** The later lines fill the record's `nat` when its first line was read. */
const later = (fields: { nat?: NatFields }): NatFields | undefined => fields.nat;

export const nat44Decoder: NodeDecoder = {
  family: "nat44",
  kind: "nat",
  pattern: /^nat44-/,
  expected: { rule: "nat", description: "`NAT44_…: sw_if_index N, next index N, session N`" },
  rules: [
    shaped(TRACE_LINE, {
      name: "nat",
      fills: "nat",
      apply(m, { fields, node }) {
        const tag = m[1];
        fields.nat = {
          kind: /OUT2IN/.test(tag) || /out2in/.test(node) ? "out2in" : "in2out",
          path: /SLOW/.test(tag) || /slowpath/.test(node) ? "slow" : "fast",
          output: /-output/.test(node),
          tag,
          swIfIndex: Number(m[2]),
          nextIndex: num(m[3]),
        };
        if (m[4] !== undefined) fields.nat.session = Number(m[4]);
        if (m[5] !== undefined) {
          fields.nat.translationResult = m[5];
          fields.nat.via = m[6] as "i2of" | "o2if";
        }
      },
    }),
    shaped(FLOW, {
      name: "flow",
      fills: "nat",
      apply(m, { fields }) {
        const nat = later(fields);
        if (nat !== undefined) nat[m[1] as "i2of" | "o2if"] = flowOf(m);
      },
    }),
    shaped(SEARCH_KEY, {
      name: "search-key",
      fills: "nat",
      apply(m, { fields }) {
        const nat = later(fields);
        if (nat === undefined) return;
        nat.searchKey = { local: m[1], localPort: Number(m[2]), remote: m[3], remotePort: Number(m[4]), proto: m[5], fib: Number(m[6]), threadIndex: Number(m[7]), sessionIndex: Number(m[8]) };
      },
    }),
    shaped(LOOKUP_SKIPPED, {
      name: "lookup-skipped",
      fills: "nat",
      apply(_m, { fields }) {
        const nat = later(fields);
        if (nat !== undefined) nat.lookupSkipped = true;
      },
    }),
    shaped(SLOW_PATH_REASON, {
      name: "slow-path-reason",
      fills: "nat",
      apply(m, { fields }) {
        const nat = later(fields);
        if (nat !== undefined) nat.slowPathReason = m[1];
      },
    }),
    shaped(TCP_STATE, {
      name: "tcp-state",
      fills: "nat",
      apply(m, { fields }) {
        const nat = later(fields);
        if (nat !== undefined) nat.tcpState = m[1];
      },
    }),
  ],
};
