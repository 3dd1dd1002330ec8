/**
 * Bridge-domain nodes: l2-input, l2-learn, l2-fwd, l2-flood, l2-output, l2-input-classify…
 *   l2-fwd:   sw_if_index 3 dst 1a:2b:3c:4d:5e:02 src 1a:2b:3c:4d:5e:01 bd_index 1
 *   l2-output: sw_if_index 5 dst … src … data 08 00 45 00 00 3c 30 9f 40 00 3f 06
 *   l2-classify: sw_if_index 3, table 35, offset 0, next 18
 */
import { LineShape } from "../../../grammar/line-shape.js";
import { U32 } from "../../../grammar/line-shapes.js";
import { num, shaped, type NodeDecoder } from "./types.js";

const MAC = "([0-9a-f]{2}(?::[0-9a-f]{2}){5})";
const L2 = new LineShape(
  "l2 line",
  [
    ["(l2-[a-z-]+):\\s+", "'l2-…: '"],
    `sw_if_index ${U32} `,
    [`dst ${MAC} `, "'dst MAC'"],
    [`src ${MAC}`, "'src MAC'"],
    `(?: bd_index ${U32})?`,
    // l2-input from 18.x: the features ahead, `[l2-learn l2-fwd l2-flood ]`.
    ["(?: \\[((?:[a-z0-9-]+ )*)\\])?", "' [features ]'"],
    ["(?: data ((?:[0-9a-f]{2} ?)+))?", "' data' and hex bytes"],
    // l2-fwd from 18.x adds its lookup result: ` result [0x…, 4] none`.
    ["(?: result \\[[^\\]\\n]*\\][^\\n]*)?", "' result […]'"],
  ],
  { lead: "l2-[a-z-]+:" },
);
/** src/vnet/l2/l2_in_out_feat_arc.c format_l2_in_out_feat_arc_trace (hex without 0x). */
const FEAT_ARC = new LineShape("l2 feature arc line", [
  ["(IN|OUT)-FEAT-ARC: ", "'IN-FEAT-ARC: ' or 'OUT-FEAT-ARC: '"],
  `head ${U32} `,
  "feature_bitmap ([0-9a-f]{1,8}) ",
  "ethertype ([0-9a-f]{1,4}) ",
  "sw_if_index (-?\\d{1,10}), ",
  `next_index ${U32}`,
], { lead: "(?:IN|OUT)-FEAT-ARC: " });
const CLASSIFY = new LineShape("l2 line", ["(l2-classify): ", `sw_if_index ${U32}, `, `table ${U32}, `, `offset ${U32}, `, `next ${U32}`]);

export const l2Decoder: NodeDecoder = {
  family: "l2",
  kind: "l2",
  pattern: /^l2-/,
  rules: [
    shaped(L2, {
      name: "l2",
      fills: "l2",
      apply(m, { fields }) {
        fields.l2 = { stage: m[1], swIfIndex: Number(m[2]), dst: m[3], src: m[4] };
        if (m[5] !== undefined) fields.l2.bdIndex = num(m[5]);
        if (m[6] !== undefined) fields.l2.features = m[6].trim().split(" ").filter((f) => f !== "");
        if (m[7] !== undefined) fields.l2.data = m[7].trim().replace(/ /g, "");
      },
    }),
    shaped(FEAT_ARC, {
      name: "l2",
      fills: "l2",
      apply(m, { fields, node }) {
        const featArc = { output: m[1] === "OUT", head: Number(m[2]), featureBitmap: parseInt(m[3], 16), ethertype: parseInt(m[4], 16), swIfIndex: Number(m[5]), nextIndex: Number(m[6]) };
        fields.l2 = { stage: node, featArc };
        // sw_if_index -1 (~0): the arc's end, which no longer names the interface.
        if (featArc.swIfIndex >= 0) fields.l2.swIfIndex = featArc.swIfIndex;
      },
    }),
    shaped(CLASSIFY, {
      name: "l2",
      fills: "l2",
      apply(m, { fields }) {
        fields.l2 = { stage: m[1], swIfIndex: Number(m[2]), table: Number(m[3]), offset: Number(m[4]), next: Number(m[5]) };
      },
    }),
  ],
};
