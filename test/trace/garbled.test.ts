/**
 * Every line of a known node's record is read or reported: a garbled line is one warning at
 * its own line and the column where reading stopped, its fields are left out, and its packet
 * is incomplete. A header that was inferred is only a warning.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ParsedTrace } from "../../src/model/trace.js";
import { parseTrace } from "../../src/trace/index.js";
import { hasSharedTraces, recordOf, root, sampleFiles, sampleText, sharedTraceFiles, sharedTracesDir } from "../helpers.js";

const FOUR_GARBLED = readFileSync(join(root, "test", "fixtures", "four-garbled-lines.txt"), "utf8");
const warnings = (parsed: ParsedTrace) => parsed.diagnostics.filter((d) => d.severity === "warning").map((d) => [d.line, d.column, d.message]);
const body = (node: string, ...lines: string[]): string => `00:00:00:000001: ${node}\n${lines.join("\n")}\n`;

describe("a copy of the same-node SYN with four garbled lines", () => {
  const parsed = parseTrace(FOUR_GARBLED, { file: "f" });

  it("gets exactly one warning per garbled line, where reading stopped, saying what was expected and found", () => {
    expect(warnings(parsed)).toEqual([
      [10, 15, "ip4-input: IPv4 header line: expected 'ttl N' (0 to 255), found 'tl 6four, length 60, checksum 0xf087'"],
      [17, 44, "acl-plugin-in-ip4-fa: ACL line: expected 'action: N', found 'actoin: 2, match: acl 1 rule 0 trace_bits 00000000'"],
      [25, 34, "ip4-lookup: IPv4 header line: expected 'checksum 0x…', found 'chcksum 0xf087'"],
      [31, 14, "ip4-lookup: body line: expected `key value` words, found '@@@'"],
    ]);
  });

  it("marks the packet incomplete", () => {
    expect(parsed.packets).toHaveLength(1);
    expect(parsed.packets[0].incomplete).toBe(true);
  });

  it("leaves the fields of a garbled line out, and invents none: no sw_if_index -1", () => {
    const [packet] = parsed.packets;
    expect(recordOf(packet, "ip4-input").fields.ip4).toEqual({ proto: "TCP", src: "10.1.1.12", dst: "10.1.1.9", line: 9, fragmentId: 0x341e, flags: "DONT_FRAGMENT" });
    const acl = recordOf(packet, "acl-plugin-in-ip4-fa").fields.acl!;
    expect(acl).not.toHaveProperty("swIfIndex");
    expect(acl).not.toHaveProperty("action");
    expect(acl).toMatchObject({ direction: "in", layer: "ip4", tuple: { swIfIndex: 7 } });
    expect(recordOf(packet, "ip4-lookup").fields.kv).toBeUndefined();
  });

  it("reads the lines around them as in the intact capture", () => {
    const intact = parseTrace(sampleText("pod-to-pod-same-node-request.txt"), { file: "f" }).packets[0];
    const [packet] = parsed.packets;
    expect(recordOf(packet, "ip4-input").fields.l4).toEqual(recordOf(intact, "ip4-input").fields.l4);
    // The same fields, one line further down (the TTL and checksum bytes with them).
    const dump = recordOf(intact, "ip4-rewrite").fields.hexdump!;
    expect(recordOf(packet, "ip4-rewrite").fields).toEqual({ ...recordOf(intact, "ip4-rewrite").fields, hexdump: { ...dump, line: 34, ip4: { ...dump.ip4, ttlLine: 34, checksumLine: 34 } } });
  });
});

describe("headers that were inferred, not lines left unread", () => {
  it("keeps the guide's host-to-pod response, whose first header is missing, complete with one warning", () => {
    const parsed = parseTrace(sampleText("host-to-pod-response.txt"), { file: "h2p" });
    expect(warnings(parsed)).toEqual([[1, 1, "record header missing before 'virtio: hw_if_index 9 next-index 4 vring 0 len 74'; node taken to be virtio-input"]]);
    expect(parsed.packets[0].incomplete).toBeUndefined();
  });
});

describe("real captures have no line that cannot be read", () => {
  it.each(sampleFiles())("%s", (name) => {
    const parsed = parseTrace(sampleText(name), { file: name });
    expect(parsed.packets.filter((p) => p.incomplete)).toEqual([]);
  });

  it.skipIf(!hasSharedTraces)("the shared real traces of other releases and data planes", () => {
    for (const name of sharedTraceFiles()) {
      const parsed = parseTrace(readFileSync(join(sharedTracesDir, name), "utf8"), { file: name });
      const unread = parsed.diagnostics.filter((d) => / line: expected /.test(d.message));
      expect(unread, name).toEqual([]);
    }
  });
});

describe("lines that cannot be read", () => {
  it("reports a line under an IPv4 header garbled at its first word, and reads the rest of the header", () => {
    const parsed = parseTrace(body("ip4-input", "  TCP: 10.1.1.12 -> 10.1.1.9", "    tos 0x00, ttl 64, length 60, checksum 0xf087", "    fragmnt id 0x341e"), { file: "f" });
    expect(warnings(parsed)).toEqual([[4, 5, "ip4-input: IPv4 header line: expected 'fragment id 0x…', found 'fragmnt id 0x341e'"]]);
    expect(parsed.packets[0].records[0].fields.ip4).toMatchObject({ ttl: 64, checksum: 0xf087 });
    expect(parsed.packets[0].records[0].fields.ip4).not.toHaveProperty("fragmentId");
  });

  it("reports a header line that stands without the line it belongs under", () => {
    const parsed = parseTrace(body("ip4-lookup", "  fib 0 dpo-idx 12 flow hash: 0x00000000", "  tos 0x00, ttl 64, length 60, checksum 0xf087"), { file: "f" });
    expect(warnings(parsed)).toEqual([[3, 3, "ip4-lookup: IPv4 header line: expected the IPv4 header's first line ('PROTOCOL: A.B.C.D -> A.B.C.D') above it, found 'tos 0x00, ttl 64, length 60, checksum 0xf087'"]]);
    expect(parsed.packets[0].incomplete).toBe(true);
  });

  it("reports a line that starts as a shared shape's first line does but stops", () => {
    const parsed = parseTrace(body("tap8-output", "  tap8", "  TCP: 10.1.1.12 => 10.1.1.9"), { file: "f" });
    expect(warnings(parsed)).toEqual([[3, 18, "tap8-output: IPv4 header line: expected '->', found '=> 10.1.1.9'"]]);
  });

  it("reports a number past what VPP prints there, at the number", () => {
    const parsed = parseTrace(body("ip4-input", "  TCP: 10.1.1.12 -> 10.1.1.9", "    tos 0x00, ttl 640, length 60, checksum 0xf087", "  TCP: 99999 -> 8080"), { file: "f" });
    expect(warnings(parsed).map(([line, column]) => [line, column])).toEqual([
      [3, 15],
      [4, 8],
    ]);
    const nat = parseTrace(body("nat44-out2in", "  NAT44_OUT2IN: sw_if_index 99999999999999999999, next index 1, session index -1"), { file: "f" });
    expect(warnings(nat)).toEqual([[2, 17, "nat44-out2in: NAT44 line: expected 'sw_if_index N', found 'sw_if_index 99999999999999999999, next index 1, session index -1'"]]);
    expect(nat.packets[0].records[0].fields.nat).toBeUndefined();
  });

  it("keeps the lines of unknown nodes, whatever they hold, without a warning", () => {
    const parsed = parseTrace(body("my-plugin-node", "  garbage here @@@", "  tos 0x00, tl 6four"), { file: "f" });
    expect(warnings(parsed)).toEqual([]);
    expect(parsed.packets[0].incomplete).toBeUndefined();
  });

  it("keeps lines other releases print in known nodes as key/value pairs, without a warning", () => {
    const parsed = parseTrace(
      [
        body("ip6-input", "  IP6_HOP_BY_HOP_OPTIONS: 2001:db8::2 -> db06::6", "    tos 0x00, flow label 0x0, hop limit 63, payload length 160"),
        body("ip4-icmp-echo-reply", "  ICMP echo id 7531 seq 1"),
        body("vhost-user-input", "  VirtualEthernet0/0/17 queue 0", "  flags 0x00 gso_type 0"),
      ].join(""),
      { file: "f" },
    );
    expect(warnings(parsed)).toEqual([]);
  });
});
