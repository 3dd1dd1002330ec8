/**
 * The NAT44-ED nodes that only steer a packet to the translation nodes, and print where:
 *   nat44-ed-classify, nat44-handoff-classify   `nat44-classify: next nat44-ed-in2out`
 *                                               or `nat44-classify: fragment cached`
 *   nat-pre-in2out, nat-pre-out2in,             `in2out next_index 6 arc_next_index 10`
 *   nat-pre-in2out-output
 * (src/plugins/nat/nat44-ed/nat44_ed_classify.c format_nat44_classify_trace;
 * nat44_ed_in2out.c / nat44_ed_out2in.c format_nat_pre_trace). A nat-pre record may hold
 * its line twice (26.06 traces the buffer twice when it loops back through the node): each
 * line is kept.
 */
import { LineShape } from "../../../grammar/line-shape.js";
import { U32 } from "../../../grammar/line-shapes.js";
import { shaped, type NodeDecoder } from "./types.js";

const CLASSIFY = new LineShape("NAT44 classify line", ["nat44-classify: ", [`(?:next (nat44-[a-z0-9-]+)|(fragment cached))`, "'next NODE' or 'fragment cached'"]]);
const PRE = new LineShape("NAT pre line", [["(in2out|out2in) ", "'in2out' or 'out2in'"], `next_index ${U32} `, `arc_next_index ${U32}`]);

export const natClassifyDecoder: NodeDecoder = {
  family: "nat44-classify",
  kind: "nat-classify",
  names: ["nat44-ed-classify", "nat44-handoff-classify", "nat44-classify"],
  expected: { rule: "classify", description: "`nat44-classify: next NODE`" },
  rules: [
    shaped(CLASSIFY, {
      name: "classify",
      fills: "natClassify",
      apply(m, { fields }) {
        fields.natClassify = m[1] !== undefined ? { next: m[1] } : { fragmentCached: true };
      },
    }),
  ],
};

export const natPreDecoder: NodeDecoder = {
  family: "nat-pre",
  kind: "nat-pre",
  names: ["nat-pre-in2out", "nat-pre-out2in", "nat-pre-in2out-output"],
  expected: { rule: "pre", description: "`in2out next_index N arc_next_index N`" },
  rules: [
    shaped(PRE, {
      name: "pre",
      fills: "natPre",
      apply(m, { fields }) {
        const entry = { direction: m[1] as "in2out" | "out2in", nextIndex: Number(m[2]), arcNextIndex: Number(m[3]) };
        if (fields.natPre === undefined) fields.natPre = entry;
        else (fields.natPre.repeated ??= []).push(entry);
      },
    }),
  ],
};
