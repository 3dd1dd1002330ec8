/**
 * IP reassembly nodes: ip4-sv-reassembly-feature, ip4-sv-reassembly-output-feature,
 * ip4-full-reassembly-*, their ip6 twins. The shallow-virtual one prints what it did with
 * the packet in brackets (src/vnet/ip/reass/ip4_sv_reass.c format_ip4_sv_reass_trace):
 *   [not-fragmented]
 *   reass id: 3, op id: 1 [first-frag-seen, ip proto=6, src_port=80, dst_port=4000]
 *   [handoff, thread index: 1]
 * and ` [l4-hdr-truncated]` after it when the L4 header was cut.
 */
import { LineShape } from "../../../grammar/line-shape.js";
import { U32 } from "../../../grammar/line-shapes.js";
import { num, shaped, type NodeDecoder } from "./types.js";

const SV_LINE = new LineShape("reassembly line", [
  [`(?:reass id: ${U32}, op id: ${U32} )?`, "'reass id: N, op id: N '"],
  ["\\[([a-z-]+)((?:, [^\\]\\n]*)?)\\]", "'[action]'"],
  ["( \\[l4-hdr-truncated\\])?", "' [l4-hdr-truncated]'"],
], { lead: "reass id: |\\[[a-z-]+[,\\]]" });

/** `ip proto=6, src_port=80, dst_port=4000`, `thread index: 1`: what the action says. */
const DETAIL = /(ip proto|src_port|dst_port|thread index)[=:] ?(\d+)/g;

export const reassemblyDecoder: NodeDecoder = {
  family: "reassembly",
  kind: "reassembly",
  pattern: /^ip[46]-(?:sv|full)-reassembly/,
  rules: [
    shaped(SV_LINE, {
      name: "reassembly",
      fills: "reassembly",
      apply(m, { fields }) {
        const r: NonNullable<typeof fields.reassembly> = { action: m[3] };
        if (m[1] !== undefined) {
          r.reassId = num(m[1]);
          r.opId = num(m[2]);
        }
        for (const [, key, value] of m[4].matchAll(DETAIL)) {
          if (key === "ip proto") r.ipProto = Number(value);
          else if (key === "src_port") r.srcPort = Number(value);
          else if (key === "dst_port") r.dstPort = Number(value);
          else r.handoffThread = Number(value);
        }
        if (m[5] !== undefined) r.l4HdrTruncated = true;
        fields.reassembly = r;
      },
    }),
  ],
};
