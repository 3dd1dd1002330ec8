/**
 * IPv6 forwarding nodes that print the packet header: ip6-input, ip6-lookup,
 * ip6-load-balance, ip6-local, ip6-receive, ip6-icmp-*, icmp6-neighbor-*, ip6-hop-by-hop, …
 * The header is a
 * shared shape (`ICMP6: fe80::1 -> ff02::1` / `tos 0x00, flow label 0x0, hop limit 255,
 * payload length 32`, then the ICMPv6 or L4 header); the FIB lookup lines are IPv4's
 * (`fib 0 dpo-idx 5 flow hash: 0x00000000`; 16.09 `fib 0 adj-idx 15 : indirect via db05::2`).
 */
import { fibRules } from "./ip4.js";
import type { NodeDecoder } from "./types.js";

export const ip6Decoder: NodeDecoder = {
  family: "ip6",
  kind: "ip6",
  names: ["ip6-input", "ip6-lookup", "ip6-load-balance", "ip6-local", "ip6-receive"],
  pattern: /^(?:ip6|icmp6)-/,
  rules: fibRules,
};
