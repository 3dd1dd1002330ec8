/**
 * NAT44 nodes: nat44-out2in, nat44-in2out[-slowpath][-output[-slowpath]] and their
 * nat44-ei-* / nat44-ed-* successors.
 *   NAT44_OUT2IN: sw_if_index 7, next index 1, session index -1
 *   NAT44_IN2OUT_SLOW_PATH: sw_if_index 3, next index 0, session 0
 * `session -1`: no session, nothing translated; ≥ 0: a session translated the packet.
 * ED ≥ 21.06 omits the session part when there is none, and adds i2of/o2if/search-key lines
 * that the generic decoder keeps as key/value pairs.
 */
import { LineShape } from "../../../grammar/line-shape.js";
import { I32, U32 } from "../../../grammar/line-shapes.js";
import { num, shaped, type NodeDecoder } from "./types.js";

const TRACE_LINE = new LineShape("NAT44 line", [
  ["(NAT44_[A-Z0-9_]+)(?: [a-z-]+)?: ", "'NAT44_…: '"],
  `sw_if_index ${U32}, `,
  `next index ${U32}`,
  [`(?:, session(?: index)? ${I32})?`, "', session N'"],
]);

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
      },
    }),
  ],
};
