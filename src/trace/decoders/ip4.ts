/**
 * IPv4 forwarding nodes that print the packet header: ip4-input, ip4-lookup,
 * ip4-load-balance, ip4-local, ip4-icmp-*, … The header itself is a shared shape; these
 * nodes add the FIB lookup line `fib 0 dpo-idx 12 flow hash: 0x00000000` (old releases:
 * `adj-idx N : via …`; from 24.06 on local/receive: `fib:0 adj:5 flow:0x00000000`).
 */
import { LineShape } from "../../../grammar/line-shape.js";
import { HEX32, U32 } from "../../../grammar/line-shapes.js";
import { hexNum, num, shaped, type LineRule, type NodeDecoder } from "./types.js";

/** `fib 0 dpo-idx 12 flow hash: 0x00000000`; ≤ 16.09 `fib 0 adj-idx 10 : host-eth2` (no hash). */
const FIB = new LineShape("FIB lookup line", [
  `fib ${U32} `,
  [`(dpo|adj)-idx ${U32}`, "'dpo-idx N'"],
  ["(?: :[^\\n]*?)?", "' : …'"],
  [`(?: flow hash: 0x${HEX32})?`, "' flow hash: 0x…'"],
], { lead: "fib \\d" });
const FIB_COMPACT = new LineShape("FIB lookup line", [`fib:${U32} `, `adj:${U32} `, `flow:0x${HEX32}`], { lead: "fib:\\d" });

/** The FIB lookup lines, which ip6 nodes print alike (ip6.ts). */
export const fibRules: LineRule[] = [
    shaped(FIB, {
      name: "fib",
      fills: "lookup",
      apply(m, { fields }) {
        fields.lookup = { fib: Number(m[1]), flowHash: hexNum(m[4]) };
        if (m[2] === "dpo") fields.lookup.dpoIdx = num(m[3]);
        else fields.lookup.adjIdx = num(m[3]);
      },
    }),
    shaped(FIB_COMPACT, {
      name: "fib-compact",
      fills: "lookup",
      apply(m, { fields }) {
        fields.lookup = { fib: Number(m[1]), adjIdx: num(m[2]), flowHash: hexNum(m[3]) };
      },
    }),
];

/** ip4-icmp-echo-reply / -request: `ICMP echo id 7531 seq 1` (src/vnet/ip/icmp4.c). */
const ECHO = new LineShape("ICMP echo line", ["ICMP echo ", `id ${U32} `, `seq ${U32}`], { lead: "ICMP echo id" });

export const ip4Decoder: NodeDecoder = {
  family: "ip4",
  kind: "ip4",
  names: ["ip4-input", "ip4-input-no-checksum", "ip4-lookup", "ip4-load-balance", "ip4-local", "ip4-receive"],
  pattern: /^ip4-/,
  rules: [
    ...fibRules,
    shaped(ECHO, {
      name: "icmp-echo",
      fills: "l4",
      apply(m, { fields, line }) {
        // No ICMP header line in this record: the echo line is its ICMP fact.
        fields.l4 ??= { proto: "ICMP", line: line.line };
        fields.l4.icmpId = num(m[1]);
        fields.l4.icmpSeq = num(m[2]);
      },
    }),
  ],
};
