/**
 * IPv4 forwarding nodes that print the packet header: ip4-input, ip4-lookup,
 * ip4-load-balance, ip4-local, ip4-icmp-*, … The header itself is a shared shape; these
 * nodes add the FIB lookup line `fib 0 dpo-idx 12 flow hash: 0x00000000` (old releases:
 * `adj-idx N : via …`; from 24.06 on local/receive: `fib:0 adj:5 flow:0x00000000`).
 */
import { hexNum, num, type NodeDecoder } from "./types.js";

export const ip4Decoder: NodeDecoder = {
  family: "ip4",
  kind: "ip4",
  names: ["ip4-input", "ip4-input-no-checksum", "ip4-lookup", "ip4-load-balance", "ip4-local", "ip4-receive"],
  pattern: /^ip[46]-/,
  rules: [
    {
      name: "fib",
      pattern: /^fib (\d+) (dpo|adj)-idx (\d+)(?: :[^\n]*?)? flow hash: 0x([0-9a-f]+)$/,
      apply(m, { fields }) {
        fields.lookup = { fib: Number(m[1]), flowHash: hexNum(m[4]) };
        if (m[2] === "dpo") fields.lookup.dpoIdx = num(m[3]);
        else fields.lookup.adjIdx = num(m[3]);
      },
    },
    {
      name: "fib-compact",
      pattern: /^fib:(\d+) adj:(\d+) flow:0x([0-9a-f]+)$/,
      apply(m, { fields }) {
        fields.lookup = { fib: Number(m[1]), adjIdx: num(m[2]), flowHash: hexNum(m[3]) };
      },
    },
  ],
};
