/**
 * Every regular expression that reads untrusted text (grammar/, src/trace/) fed 1 MB of its
 * worst case: the line built to make it backtrack. Each finishes in milliseconds; the
 * patterns these replaced took minutes or hours on the same lines (`(.*?)\s*flow hash…$` on
 * a run of blanks, `.*-{3,} Start of thread` on a line of dashes), far past the timeout.
 * No timing is asserted: a quadratic pattern simply does not finish within 60 s.
 */
import { describe, expect, it } from "vitest";
import { normalizeTraceText } from "../../grammar/index.js";
import type { ParsedTrace } from "../../src/model/trace.js";
import { lastPacketStart, parseTrace } from "../../src/trace/index.js";
import { pushInChunks } from "../support/stream.js";

const MB = 1 << 20;
/** `unit` repeated to about 1 MB. */
const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length));
const record = (node: string, ...body: string[]): string => `00:00:00:000001: ${node}\n${body.join("\n")}\n`;
const ADJACENCY = "  tx_sw_if_index 1 dpo-idx 2 : ipv4 via 1.2.3.4 tap1: ";
const MACS = "dst 00:00:00:00:00:01 src 00:00:00:00:00:02";

/** Fed as the CLI feeds it. */
const streamed = (text: string): ParsedTrace => pushInChunks(text).parsed;

/** [pattern, where it is applied, the input that makes it backtrack]. */
const WORST_CASES: [string, string, string][] = [
  ["(.*?)(?:\\s*flow hash: 0x…)?$", "ip4-rewrite adjacency line", record("ip4-rewrite", `${ADJACENCY}${fill(" ")}x`)],
  ["^(.*?)\\s*flow hash: 0x…$", "ip4-rewrite wrapped rewrite line (≤ 16.09)", record("ip4-rewrite", `${ADJACENCY}00`, `  a${fill(" ")}x`)],
  ["flags:\\[[^\\]]*\\]", "ip4-rewrite flags group", record("ip4-rewrite", `${ADJACENCY}${fill("flags:[")}`)],
  ["\\s*(?:mtu:\\d+|next:\\d+|…)\\s*", "ip4-rewrite decoded rewrite (< 17.04)", record("ip4-rewrite", `${ADJACENCY}IP4:${fill(" ")}x`)],
  ["(\\S+?):\\s*(.*)$", "ip4-rewrite via, a line separator at the end", record("ip4-rewrite", `${ADJACENCY.replace("tap1: ", "")}${fill(":")}\u2028`)],
  ["(?: :.*?)? flow hash: 0x([0-9a-f]+)$", "ip4-lookup FIB line", record("ip4-lookup", `  fib 0 dpo-idx 1 :${fill(" flow hash: 0x0z")}`)],
  [".*-{3,} Start of thread \\d+ ", "stream cut finder, a line of dashes", `${record("my-node", "  a 1")}${fill("-")} Start of thread\n${record("virtio-input", "  b 2")}`],
  [".*-{3} Thread \\d+ ", "stream cut finder, a line of dashes", `${record("my-node", "  a 1")}${fill("-")} Thread x\n`],
  ["^\\s*\\S+: (?:virtio-input|…)\\s*$", "stream cut finder, device input header", `${record("my-node", "  a 1")}${fill(" ")}x: virtio-input y\n`],
  ["-{3,} Start of thread (\\d+) (\\S+) -{3,}", "thread banner token", `--- Start of thread 0 ${fill("-")} x\n`],
  ["Packet (\\d+)(?: \\[[^\\n]*\\])?", "Packet N token", `Packet 1 [${fill("] ")}x\n`],
  ["([^\\n]*[^ \\t\\n])[ \\t]*\\n", "free-text line token", record("my-node", `  x${fill(" ")}`)],
  ["(TCP|UDP): (6553[0-5]|…) -> …", "TCP header first line, a long number", record("ip4-input", `  TCP: ${fill("1")}`)],
  ["([A-Z][A-Z0-9_]*|unknown \\d+): …", "IPv4 header first line, a long protocol name", record("ip4-input", `  ${fill("AAAA")}: 1.2.3.4`)],
  ["…[ \\t]*\\n[ \\t]*…", "IPv4 header token", record("ip4-input", `  TCP: 1.2.3.4 -> 5.6.7.8${fill(" ")}x`)],
  ["…checksum 0x(…)(?: dscp …)?(?:[ \\t]*\\n…)?$", "IPv4 header read whole, a garbled line under it", record("ip4-input", "  TCP: 1.2.3.4 -> 5.6.7.8", `    tos 0x00, ttl 64, length 60, checksum 0x1234${fill(" ")}x`, "    fragment id 0x0001")],
  ["flags 0x(..)((?: [A-Z]+)*), tcp header", "TCP header token", record("ip4-input", "  TCP: 1 -> 2", `    flags 0x02${fill(" SYN")} x`)],
  ["[0-9a-f]{8}: [0-9a-f]+", "hex dump token", record("ip4-rewrite", `  00000000: ${fill("a")}x`)],
  ["((?: 802\\.1(?:q|ad) vlan \\d+)*)", "Ethernet line token", record("ethernet-input", `  IP4: 00:00:00:00:00:01 -> 00:00:00:00:00:02${fill(" 802.1q vlan 1")} x`)],
  ["pkt info ((?:[0-9a-f]{16} ?){6})$", "ACL pkt info line", record("acl-plugin-in-ip4-fa", `  pkt info ${fill("0")}`)],
  ["data ((?:[0-9a-f]{2} ?)+)$", "l2 data bytes", record("l2-output", `  l2-output: sw_if_index 1 ${MACS} data ${fill("00 ")}x`)],
  ["^(\\S+): (.+)$", "drop reason line", record("error-drop", `  ${fill("a:")} b\u2028`)],
  ["^stream (\\S+), (\\d+) bytes", "pg-input stream line", record("pg-input", `  stream ${fill("a,")}`)],
  ["buffer flag names", "vlib buffer flags line", record("pg-input", "  current data 0, length 60, free-list 0", `  ${fill("a 1 ")}!`)],
  ["^[A-Za-z][\\w -]*?:\\s+(?=\\S)", "generic key: value label", record("my-node", `  ${fill("a ")}:`)],
  ["-(?:output|tx)$", "node name patterns", record(`${fill("-")}x`, "  a 1")],
  ["^([\\w-]+):", "headerless body inference", `${fill("a")}\n`],
  ["(\\S+)(?:[ \\t]+[^ \\t\\n][^\\n]*)?", "record header, blanks after the node name", `00:00:00:000001: my-node${fill(" ")}\n${record("my-node", "  a 1")}`],
  ["(?:\\.{3,}|\\[(?:\\.{3,}|…)\\]|…)", "elision line", record("my-node", `  ${fill(".")}x`)],
  ["PROTOCOL: [0-9a-f:]*::|…", "IPv6 header first line, a long run of groups", record("ip6-input", `  ICMP6: ${fill("1:")}x`)],
  ["(?:mss N)?(?:, window scale N)?…", "TCP options line", record("ip4-input", "  TCP: 1 -> 2", "    seq. 0x00000001 ack 0x00000000", "    flags 0x02 SYN, tcp header: 40 bytes", "    window 1, checksum 0x0000", "    options:", `      mss 1${fill(", sack permitted")}x`)],
  ["(?: +[a-z][a-z0-9-]*(?: \\d+(?:\\.\\d+)?)?)*", "vlib buffer flags line, blanks between words", record("host-eth0-tx", "  af_packet: hw_if_index 1 tx-queue 0", "    buffer 0x1:", "      current data 0, length 60, buffer-pool 0, ref-count 1", `      ip4${fill("  a 1.2")}!`)],
  ["entry tag split(/\\s+/)", "records sharing a header", record("l2-flood", `  l2-flood:${fill(" ")}x`, "  l2-flood: y")],
];

describe("regular expressions on untrusted text take time linear in it", () => {
  it.each(WORST_CASES)("%s (%s) reads 1 MB of its worst case", (_pattern, _where, text) => {
    const parsed = streamed(text);
    // Each input is kept whole: as records, or as the one error of an input with no trace.
    expect(parsed.packets.length + parsed.diagnostics.filter((d) => d.severity === "error").length).toBeGreaterThan(0);
    expect(parseTrace(text, { file: "f" }).packets).toHaveLength(parsed.packets.length);
  }, 60_000);

  it("the ANSI escape pattern reads 1 MB of unterminated OSC sequences", () => {
    expect(normalizeTraceText(fill("\u001b]")).text.length).toBeGreaterThan(0);
  }, 60_000);

  it("the cut finder reads a 1 MB line of dashes", () => {
    const text = `a\n${fill("-")} Start of thread\nb\n`;
    expect(lastPacketStart(text)).toBe(-1);
  }, 60_000);
});
