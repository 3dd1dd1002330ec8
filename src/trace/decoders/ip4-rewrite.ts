/**
 * ip4-rewrite (and -mcast, -midchain, -transit), and ip6-rewrite alike: the adjacency line
 * `tx_sw_if_index 11 dpo-idx 12 : ipv4 via 10.1.1.9 tap8: 00000000000202fe167939cb0800 flow hash: 0x00000000`
 * and a hex dump of the packet *after* the rewrite (decoded as a shared shape: Ethernet,
 * IPv4 header with TTL already decremented, L4 ports). Releases add `mtu:N`, `next:N`,
 * `flags:[…]` before the rewrite string; before 17.04 the rewrite was printed decoded.
 */
import { LineShape } from "../../../grammar/line-shape.js";
import { U32 } from "../../../grammar/line-shapes.js";
import { hexNum, num, shaped, type LineRule, type NodeDecoder } from "./types.js";
import type { RewriteFields } from "../../model/trace.js";

// The flow hash is split off by a scan, not by `(.*?)\s*flow hash…$`: that lazy group
// retried the whitespace run at every position of it, so a line of many blanks took time
// quadratic in its length (a 200 KB line: minutes).
const ADJACENCY = new LineShape("adjacency line", [`tx_sw_if_index ${U32} `, [`(dpo|adj)-idx ${U32} `, "'dpo-idx N'"], [": ([^\\n]*)", "': ' and the adjacency"]]);
/** ≤ 16.09 wraps the decoded rewrite onto a second line that carries the flow hash. */
const WRAPPED_REWRITE = /^([^\n]*)flow hash: 0x([0-9a-f]+)$/;
const VIA = /^ipv[46] via (\S+) (\S+?):\s*([^\n]*)$/;
const FLOW_HASH = "flow hash: 0x";
const HEX = /^[0-9a-f]+$/;

/** `… flow hash: 0x0000001f` at the end of `text`: the text before it (trailing blanks
 *  removed) and the hash; the whole text when it does not end so. */
export function splitFlowHash(text: string): { before: string; flowHash?: number } {
  const at = text.lastIndexOf(FLOW_HASH);
  if (at === -1 || !HEX.test(text.slice(at + FLOW_HASH.length))) return { before: text };
  return { before: text.slice(0, at).trimEnd(), flowHash: hexNum(text.slice(at + FLOW_HASH.length)) };
}

/** `flags:[…]` groups (which may hold blanks) replaced by a blank, found by scanning: a
 *  regular expression looking for the `]` of each of many unclosed `flags:[` rescanned the
 *  rest of the line each time. */
export function withoutFlags(text: string): string {
  let out = "";
  let copied = 0;
  for (let open = text.indexOf("flags:["); open !== -1; open = text.indexOf("flags:[", copied)) {
    const close = text.indexOf("]", open + 7);
    if (close === -1) break; // no later group can close either
    out += `${text.slice(copied, open)} `;
    copied = close + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const MTU = /^mtu:(\d+)$/;
const NEXT = /^next:(\d+)$/;

function applyRewriteDetail(rewrite: RewriteFields, detail: string): void {
  const via = VIA.exec(detail);
  if (via === null) {
    if (detail !== "") rewrite.interface = detail.replace(/:$/, "");
    return;
  }
  rewrite.via = via[1];
  rewrite.interface = via[2];
  // flags:[…] may hold spaces: take it out first, then the rest splits on blanks.
  const words = withoutFlags(via[3]).split(/\s+/).filter((w) => w !== "");
  const decoded: string[] = [];
  for (const word of words) {
    let m: RegExpExecArray | null;
    if ((m = MTU.exec(word))) rewrite.mtu = Number(m[1]);
    else if ((m = NEXT.exec(word))) rewrite.next = Number(m[1]);
    else {
      if (HEX.test(word) && word.length % 2 === 0) rewrite.rewrite = word;
      decoded.push(word);
    }
  }
  // Pre-17.04 prints the rewrite decoded: `pg1: IP4: 02:fe:… -> 02:02:…`.
  if (rewrite.rewrite === undefined && decoded.length > 0 && !/^(?:mtu|next|flags):/.test(via[3])) rewrite.rewrite = decoded.join(" ");
}

const rewriteRules: LineRule[] = [
    shaped(ADJACENCY, {
      name: "adjacency",
      fills: "rewrite",
      apply(m, { fields }) {
        const { before, flowHash } = splitFlowHash(m[4]);
        const rewrite: RewriteFields = { txSwIfIndex: Number(m[1]), flowHash };
        if (m[2] === "dpo") rewrite.dpoIdx = num(m[3]);
        else rewrite.adjIdx = num(m[3]);
        applyRewriteDetail(rewrite, before);
        fields.rewrite = rewrite;
      },
    }),
    {
      name: "adjacency-wrapped",
      fills: "rewrite",
      after: "adjacency",
      pattern: WRAPPED_REWRITE,
      apply(m, { fields }) {
        const rewrite = fields.rewrite!;
        if (rewrite.flowHash !== undefined) return;
        rewrite.rewrite = m[1].trimEnd();
        rewrite.flowHash = hexNum(m[2]);
      },
    },
];

export const ip4RewriteDecoder: NodeDecoder = {
  family: "ip4-rewrite",
  kind: "ip4-rewrite",
  names: ["ip4-rewrite", "ip4-rewrite-mcast", "ip4-midchain", "ip4-rewrite-transit", "ip4-mcast-midchain"],
  expected: { rule: "adjacency", description: "`tx_sw_if_index N dpo-idx N : … flow hash: 0x…`" },
  rules: rewriteRules,
};

/** ip6-rewrite prints the same adjacency line (`: ipv6 via fe80::1 host-x: mtu:9000 …`) and
 *  a hex dump of the rewritten packet, decoded as IPv6 (shapes.ts). */
export const ip6RewriteDecoder: NodeDecoder = {
  family: "ip6-rewrite",
  kind: "ip6-rewrite",
  names: ["ip6-rewrite", "ip6-rewrite-mcast", "ip6-midchain", "ip6-mcast-midchain"],
  expected: ip4RewriteDecoder.expected,
  rules: rewriteRules,
};
