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
import type { SyntaxLine } from "../../../grammar/index.js";
import type { RewriteFields } from "../../model/trace.js";
import type { ProblemSink } from "../problems.js";
import { hexDumpOf } from "../shapes.js";

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

/** Bytes of the packet ip4-rewrite's trace keeps (ip4_forward_next_trace_t.packet_data:
 *  64 − 4, src/vnet/ip/ip4_forward.c, 18.x–26.x): its dump holds that many, or the whole
 *  packet when shorter. */
export const REWRITE_TRACE_BYTES = 60;
const HEX_WORD = /^[0-9a-fA-F]*$/;
const DUMP_ROW = /[0-9a-f]{8}: ([0-9a-f]+)/g;

/** The hex digits of a dump token's rows, concatenated. */
function dumpDigits(dump: SyntaxLine): string {
  let digits = "";
  DUMP_ROW.lastIndex = 0;
  for (let m = DUMP_ROW.exec(dump.text); m !== null; m = DUMP_ROW.exec(dump.text)) digits += m[1];
  return digits;
}

/** The rewrite string of a hex-form adjacency line, with where it stands; undefined for the
 *  decoded pre-17.04 form or an adjacency without one. */
function rewriteWord(adjacency: SyntaxLine): { word: string; column: number } | undefined {
  const m = ADJACENCY.pattern.exec(adjacency.text);
  if (m === null) return undefined;
  const via = VIA.exec(splitFlowHash(m[4]).before);
  if (via === null) return undefined;
  const words = withoutFlags(via[3]).split(/\s+/).filter((w) => w !== "" && !MTU.test(w) && !NEXT.test(w));
  // `IP4: 02:fe:… -> …` (≤ 16.09) is the rewrite decoded: it has colons, a hex string none.
  if (words.length !== 1 || words[0].includes(":")) return undefined;
  return { word: words[0], column: adjacency.column + adjacency.text.lastIndexOf(words[0], adjacency.text.lastIndexOf(FLOW_HASH)) };
}

/**
 * A rewrite string is read in full: hex digits, as many bytes as the L2 header the dump
 * under it starts with, and those bytes (the dump is the packet after the rewrite was
 * written); the dump holds the packet's first REWRITE_TRACE_BYTES, or all of a shorter one.
 */
export function checkRewrite(lines: SyntaxLine[], problems: ProblemSink): void {
  const adjacency = lines.find((l) => l.token === "TextLine" && l.text.startsWith("tx_sw_if_index "));
  const rewrite = adjacency === undefined ? undefined : rewriteWord(adjacency);
  if (adjacency !== undefined && rewrite !== undefined && (!HEX_WORD.test(rewrite.word) || rewrite.word.length % 2 !== 0)) {
    problems.push({ line: adjacency.line, column: rewrite.column, shape: "adjacency line", expected: "the rewrite string: an even number of hex digits", found: rewrite.word });
    return;
  }
  const dumpLine = lines.find((l) => l.token === "HexDump");
  if (dumpLine === undefined) return;
  const digits = dumpDigits(dumpLine);
  const dump = hexDumpOf(digits, dumpLine.line);
  const rows = dumpLine.text.split("\n").length;
  if (dump.ip4 === undefined) {
    // An IPv4 packet (by its EtherType) whose header the dump cuts: its last rows are gone.
    if (dump.ether?.etherType === 0x0800) problems.push({ line: dumpLine.line + rows - 1, column: dumpLine.column, shape: "hex dump", expected: `the packet's first ${REWRITE_TRACE_BYTES} bytes (at least its IPv4 header): a row is missing`, found: `${dump.length} bytes` });
    return;
  }
  if (adjacency !== undefined && rewrite !== undefined && dump.ip4.offset > 0) {
    const header = digits.slice(0, 2 * dump.ip4.offset);
    if (rewrite.word.toLowerCase() !== header) {
      problems.push({ line: adjacency.line, column: rewrite.column, shape: "adjacency line", expected: `the rewrite string the dump below starts with (${dump.ip4.offset} bytes: ${header})`, found: rewrite.word });
    }
  }
  const expected = Math.min(REWRITE_TRACE_BYTES, dump.ip4.offset + dump.ip4.length);
  if (dump.length < expected) {
    problems.push({ line: dumpLine.line + rows - 1, column: dumpLine.column, shape: "hex dump", expected: `${expected} bytes (the packet's first ${REWRITE_TRACE_BYTES}, its IPv4 length is ${dump.ip4.length}): a row is missing`, found: `${dump.length} bytes` });
  }
}
