/**
 * ip4-rewrite (and -mcast, -midchain, -transit): the adjacency line
 * `tx_sw_if_index 11 dpo-idx 12 : ipv4 via 10.1.1.9 tap8: 00000000000202fe167939cb0800 flow hash: 0x00000000`
 * and a hex dump of the packet *after* the rewrite (decoded as a shared shape: Ethernet,
 * IPv4 header with TTL already decremented, L4 ports). Releases add `mtu:N`, `next:N`,
 * `flags:[…]` before the rewrite string; before 17.04 the rewrite was printed decoded.
 */
import { hexNum, num, type NodeDecoder } from "./types.js";
import type { RewriteFields } from "../../model/trace.js";

const ADJACENCY = /^tx_sw_if_index (\d+) (dpo|adj)-idx (\d+) : (.*?)(?:\s*flow hash: 0x([0-9a-f]+))?$/;
/** ≤ 16.09 wraps the decoded rewrite onto a second line that carries the flow hash. */
const WRAPPED_REWRITE = /^(.*?)\s*flow hash: 0x([0-9a-f]+)$/;
const VIA = /^ipv4 via (\S+) (\S+?):\s*(.*)$/;

function applyRewriteDetail(rewrite: RewriteFields, detail: string): void {
  const via = VIA.exec(detail);
  if (via === null) {
    if (detail !== "") rewrite.interface = detail.replace(/:$/, "");
    return;
  }
  rewrite.via = via[1];
  rewrite.interface = via[2];
  // flags:[…] may hold spaces: take it out first, then the rest splits on blanks.
  for (const word of via[3].replace(/flags:\[[^\]]*\]/g, " ").split(/\s+/)) {
    let m: RegExpExecArray | null;
    if ((m = /^mtu:(\d+)$/.exec(word))) rewrite.mtu = Number(m[1]);
    else if ((m = /^next:(\d+)$/.exec(word))) rewrite.next = Number(m[1]);
    else if (/^[0-9a-f]+$/.test(word) && word.length % 2 === 0) rewrite.rewrite = word;
  }
  // Pre-17.04 prints the rewrite decoded: `pg1: IP4: 02:fe:… -> 02:02:…`.
  if (rewrite.rewrite === undefined && /\S/.test(via[3]) && !/^(?:mtu|next|flags):/.test(via[3])) {
    rewrite.rewrite = via[3].replace(/\s*(?:mtu:\d+|next:\d+|flags:\[[^\]]*\])\s*/g, " ").trim();
  }
}

export const ip4RewriteDecoder: NodeDecoder = {
  family: "ip4-rewrite",
  kind: "ip4-rewrite",
  names: ["ip4-rewrite", "ip4-rewrite-mcast", "ip4-midchain", "ip4-rewrite-transit", "ip4-mcast-midchain"],
  expected: { rule: "adjacency", description: "`tx_sw_if_index N dpo-idx N : … flow hash: 0x…`" },
  rules: [
    {
      name: "adjacency",
      pattern: ADJACENCY,
      apply(m, { fields }) {
        const rewrite: RewriteFields = { txSwIfIndex: Number(m[1]), flowHash: hexNum(m[5]) };
        if (m[2] === "dpo") rewrite.dpoIdx = num(m[3]);
        else rewrite.adjIdx = num(m[3]);
        applyRewriteDetail(rewrite, m[4]);
        fields.rewrite = rewrite;
      },
    },
    {
      name: "adjacency-wrapped",
      after: "adjacency",
      pattern: WRAPPED_REWRITE,
      apply(m, { fields }) {
        const rewrite = fields.rewrite!;
        if (rewrite.flowHash !== undefined) return;
        rewrite.rewrite = m[1];
        rewrite.flowHash = hexNum(m[2]);
      },
    },
  ],
};
