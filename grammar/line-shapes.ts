/**
 * The body lines many graph nodes share, each as a LineShape: the IPv4 header (a summary line
 * and up to three lines under it), the IPv6 header (a summary line and up to two), the
 * TCP/UDP header (with the TCP options block of ≥ 23.x), ICMP (with the ICMPv6 neighbor
 * discovery target), Ethernet, hex dump lines. One definition serves the lexer (tokens.ts),
 * the decoders (src/trace/shapes.ts) and the diagnosis of a garbled line. Also the lines VPP
 * prints that share a lead with these but are other shapes (ICMP echo), so that they are not
 * taken for garbled ones.
 */
import { LineShape } from "./line-shape.js";

const IP4 = "(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})";
const MAC = "([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})";
const PROTOCOL = "([A-Z][A-Z0-9_]*|unknown \\d+)";
/** 0–255 and 0–65535 as VPP prints a u8 and a u16: a number out of range does not read. */
export const U8 = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
/** A u32 / i32 in decimal, a u32 in hex: at most as many digits as the type has. */
export const U32 = "(\\d{1,10})";
export const I32 = "(-?\\d{1,10})";
export const HEX32 = "([0-9a-f]{1,8})";
export const U16 = "(6553[0-5]|655[0-2]\\d|65[0-4]\\d\\d|6[0-4]\\d{3}|[1-5]\\d{4}|[1-9]\\d{0,3}|0)";

/** `TCP: 10.1.1.12 -> 10.1.1.9` — protocol name as VPP's ip_protocol_info prints it. */
export const IP4_SUMMARY = new LineShape(
  "IPv4 header line",
  [[`${PROTOCOL}: `, "'PROTOCOL: '"], [`${IP4} `, "an IPv4 address"], ["-> ", "'->'"], [IP4, "an IPv4 address"]],
  { lead: `${PROTOCOL}: \\d{1,3}\\.` },
);
/** An IPv6 address as format_ip6_address prints it: eight groups, or fewer around `::`,
 *  optionally ending in a dotted quad. Never a MAC: six groups and no `::`. */
const IP6 = "((?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,7}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?|::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?(?::\\d{1,3}(?:\\.\\d{1,3}){3})?)";
/** `ICMP6: 2001:db8::1 -> 2001:db8::2` (src/vnet/ip/ip6_format.c format_ip6_header). */
export const IP6_SUMMARY = new LineShape(
  "IPv6 header line",
  [[`${PROTOCOL}: `, "'PROTOCOL: '"], [`${IP6} `, "an IPv6 address"], ["-> ", "'->'"], [IP6, "an IPv6 address"]],
  { lead: `${PROTOCOL}: [0-9a-f:]*::|${PROTOCOL}: (?:[0-9a-f]{1,4}:){7}` },
);
/** `version 5`: printed only when the version field is not 6. */
export const IP6_VERSION = new LineShape("IPv6 header line", ["version (\\d{1,2})"], { lead: "version \\d+$" });
/** `tos 0x00, flow label 0x0, hop limit 63, payload length 160` */
export const IP6_TOS = new LineShape(
  "IPv6 header line",
  [["tos 0x([0-9a-f]{2}), ", "'tos 0x..'"], "flow label 0x([0-9a-f]{1,5}), ", [`hop limit ${U8}, `, "'hop limit N' (0 to 255)"], "payload length (\\d{1,5})"],
  { lead: "tos 0x[0-9a-f]{2}, flow label" },
);

/** `version 4, header length 20` (releases that print it). */
export const IP4_VERSION = new LineShape("IPv4 header line", ["version (\\d{1,2}), ", "header length (\\d{1,3})"]);
/** `tos 0x00, ttl 64, length 60, checksum 0xf087[ (should be 0x…)][ dscp CS0 ecn NON_ECN]` */
export const IP4_TOS = new LineShape(
  "IPv4 header line",
  [["tos 0x([0-9a-f]{2}), ", "'tos 0x..'"], [`ttl ${U8}, `, "'ttl N' (0 to 255)"], "length (\\d{1,5}), ", "checksum 0x([0-9a-f]{1,4})", "(?: \\(should be 0x([0-9a-f]{1,4})\\))?", "(?: dscp (\\S+) ecn (\\S+))?"],
  { lead: "tos 0x" },
);
/** `fragment id 0x341e[ offset N][, flags DONT_FRAGMENT]` */
export const IP4_FRAGMENT = new LineShape("IPv4 header line", ["fragment id 0x([0-9a-f]{1,4})", "(?: offset (\\d{1,5}))?", "(?:,? flags ([A-Z_]+))?"], { lead: "fragment id " });

/** `TCP: 39820 -> 8080` */
export const L4_PORTS = new LineShape("TCP/UDP header line", [["(TCP|UDP): ", "'TCP: ' or 'UDP: '"], [`${U16} `, "a port (0 to 65535)"], ["-> ", "'->'"], [U16, "a port (0 to 65535)"]], { lead: "(?:TCP|UDP): \\d" });
export const TCP_SEQ = new LineShape("TCP header line", ["seq\\. 0x([0-9a-f]{1,8}) ", "ack 0x([0-9a-f]{1,8})"], { lead: "seq\\. " });
/** `flags 0x02 SYN, tcp header: 40 bytes` */
export const TCP_FLAGS = new LineShape("TCP header line", ["flags 0x([0-9a-f]{2})", ["((?: [A-Z]+)*), ", "flag names and ','"], "tcp header: (\\d{1,3}) ", "bytes"], { lead: "flags 0x" });
export const TCP_WINDOW = new LineShape("TCP header line", ["window (\\d{1,5}), ", "checksum 0x([0-9a-f]{1,4})"], { lead: "window " });
/** `options:` over the options line; `options: truncated` / `options: parsing failed` alone
 *  (src/vnet/tcp/tcp_format.c format_tcp_header, ≥ 23.x). */
export const TCP_OPTIONS_HEAD = new LineShape("TCP options line", ["options:", ["((?: truncated| parsing failed)?)", "' truncated' or the end of the line"]], { lead: "options:" });
/** `mss 1410, window scale N, timestamp N, echo/reflected timestamp, sack permitted[, sacks:]`:
 *  each part only when the option is there (format_tcp_options). The window scale and
 *  timestamp numbers are not the option's: VPP passes `format_white_space` where they belong,
 *  so they print an address (negative when it reads so as an int). */
export const TCP_OPTIONS = new LineShape(
  "TCP options line",
  [
    "(?:mss (\\d{1,5}))?",
    ["(?:(?:, )?window scale (-?\\d{1,10}))?", "', window scale N'"],
    ["(?:(?:, )?timestamp (-?\\d{1,10}), echo/reflected timestamp)?", "', timestamp N, echo/reflected timestamp'"],
    ["(?:(?:, )?(sack permitted))?", "', sack permitted'"],
    ["(?:(?:, )?(sacks:))?", "', sacks:'"],
  ],
  { lead: "(?:mss \\d|window scale -?\\d|timestamp -?\\d|sack permitted|sacks:)" },
);
/** `block 1: start 1000, end 2000` under `sacks:` (TCP carries at most four). */
export const TCP_SACK_BLOCK = new LineShape("TCP SACK block line", ["block (\\d{1,2}): ", "start (\\d{1,10}), ", "end (\\d{1,10})"], { lead: "block \\d+: start" });
export const UDP_LENGTH = new LineShape("UDP header line", ["length (\\d{1,5}), ", "checksum 0x([0-9a-f]{1,4})"], { lead: "length " });

/** `ICMP echo_request checksum 0xc043[ id 1234]` — checksum is not zero-padded. ICMPv6
 *  neighbor solicitations and advertisements add `target address fe80::1` on the next line
 *  (src/vnet/ip/icmp6.c format_icmp6_header). */
export const ICMP_LINE = new LineShape("ICMP header line", ["ICMP ", ["([a-z_]+(?: [a-z_]+)?|unknown 0x[0-9a-f]+) ", "an ICMP type"], "checksum 0x([0-9a-f]+)", "(?: id (\\d{1,5}))?"]);
export const ND_TARGET = new LineShape("ICMPv6 neighbor discovery line", ["target address ", [IP6, "an IPv6 address"]]);
/** `IP4: 00:00:00:00:00:02 -> 02:fe:69:99:eb:9d` — ethertype, then source MAC first. */
export const ETHER_LINE = new LineShape(
  "Ethernet line",
  [["([A-Z][A-Z0-9_]*|0x[0-9a-f]{4}): ", "'TYPE: '"], [`${MAC} `, "a MAC address"], ["-> ", "'->'"], [MAC, "a MAC address"], ["((?: 802\\.1(?:q|ad) vlan \\d+)*)", "' 802.1q vlan N'"]],
  { lead: "(?:[A-Z][A-Z0-9_]*|0x[0-9a-f]{4}): [0-9a-fA-F]{2}:" },
);
/** `00000000: 00000000000202fe…` — one line of a hex dump, offset in hex. */
export const HEX_LINE = new LineShape("hex dump line", [["[0-9a-f]{8}: ", "'OFFSET: ' (8 hex digits)"], ["[0-9a-f]+", "hex digits"]], { lead: "[0-9a-f]{6,10}: ", end: "hex digits" });

/** Lines under a shape's first line, in the order VPP prints them. */
export const IP4_LATER = [IP4_VERSION, IP4_TOS, IP4_FRAGMENT];
export const IP6_LATER = [IP6_VERSION, IP6_TOS];
export const TCP_LATER = [TCP_SEQ, TCP_FLAGS, TCP_WINDOW, TCP_OPTIONS_HEAD, TCP_OPTIONS, TCP_SACK_BLOCK, TCP_SACK_BLOCK, TCP_SACK_BLOCK, TCP_SACK_BLOCK];
export const UDP_LATER = [UDP_LENGTH];

/** The first lines of shared shapes: a line that starts like one but does not read is garbled. */
export const FIRST_LINES = [IP4_SUMMARY, IP6_SUMMARY, L4_PORTS, ICMP_LINE, ETHER_LINE, HEX_LINE];

/** Lines VPP prints that start like a shared shape's but are another shape, kept as
 *  key/value pairs: ICMP echo, the ≤ 16.09 adjacency `IP4: mac -> mac flow hash`. */
export const OTHER_KNOWN_LINES: RegExp[] = [
  /^ICMP echo id \d+ seq \d+$/,
  new RegExp(`^[A-Z][A-Z0-9_]*: ${MAC} -> ${MAC} flow hash: 0x[0-9a-f]+$`),
];
