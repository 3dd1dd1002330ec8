/**
 * IPv6 records: the header VPP prints (format_ip6_header), ICMPv6 with its neighbor
 * discovery target, ip6-rewrite's adjacency and its hex dump decoded as IPv6. The fixture
 * follows VPP 26.06's formats for an ICMPv6 echo and a neighbor solicitation.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTrace } from "../../../src/trace/index.js";
import { ip6HeaderViews } from "../../../src/trace/headers.js";
import { hasSharedTraces, root, sharedTracesDir } from "../../helpers.js";
import { decodeOne } from "./decode-helper.js";

const file = "test/fixtures/ip6-icmp-echo-and-nd.txt";
const parsed = parseTrace(readFileSync(join(root, file), "utf8"), { file });

describe("IPv6 records", () => {
  it("types ip6-* records as IPv6, with the header's addresses, hop limit, payload length and next header", () => {
    expect(parsed.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    const input = parsed.packets[0].records.find((r) => r.node === "ip6-input")!;
    expect(input.kind).toBe("ip6");
    expect(input.fields.ip6).toEqual({ proto: "ICMP6", src: "fd00:1:1::2", dst: "fd00:1:2::3", tos: 0, flowLabel: 0x5a3b1, hopLimit: 64, payloadLength: 64, line: 17 });
    expect(input.fields.l4).toMatchObject({ proto: "ICMP", icmpType: "echo_request", checksum: 0x5c2f });
    expect(input.fields.ip4).toBeUndefined();
    expect(input.fields.kv).toBeUndefined();
  });

  it("reads a neighbor solicitation's target address under its ICMP line", () => {
    const ns = parsed.packets[1].records.find((r) => r.node === "icmp6-neighbor-solicitation")!;
    expect(ns.kind).toBe("ip6");
    expect(ns.fields.l4).toMatchObject({ icmpType: "neighbor_solicitation", ndTarget: "fd00:1:2::1" });
    expect(ns.fields.ip6).toMatchObject({ src: "fe80::200:ff:fe00:2", dst: "ff02::1:ff00:1", hopLimit: 255 });
  });

  it("reads ip6-rewrite as a rewrite: its adjacency, and its hex dump decoded as IPv6 with the hop limit lowered", () => {
    const rewrite = parsed.packets[0].records.find((r) => r.node === "ip6-rewrite")!;
    expect(rewrite.kind).toBe("ip6-rewrite");
    expect(rewrite.fields.rewrite).toMatchObject({ txSwIfIndex: 3, dpoIdx: 7, via: "fd00:1:2::3", interface: "host-lv1b", mtu: 9000, next: 5, rewrite: "00000000000202fe0100000286dd" });
    expect(rewrite.fields.hexdump?.ether).toEqual({ dst: "00:00:00:00:00:02", src: "02:fe:01:00:00:02", etherType: 0x86dd });
    expect(rewrite.fields.hexdump?.ip6).toEqual({ offset: 14, tos: 0, flowLabel: 0x5a3b1, payloadLength: 64, nextHeader: 58, hopLimit: 63, src: "fd00:1:1::2", dst: "fd00:1:2::3" });
  });

  it("gives a header view per IPv6 header printed or dumped, in order", () => {
    expect(ip6HeaderViews(parsed.packets[0]).map((v) => [v.record.node, v.source, v.hopLimit, v.proto])).toEqual([
      ["ip6-input", "print", 64, 58],
      ["ip6-lookup", "print", 64, 58],
      ["ip6-rewrite", "hexdump", 63, 58],
      ["host-lv1b-output", "print", 63, 58],
    ]);
  });

  it("reports a garbled IPv6 header line where reading stopped", () => {
    const { warnings } = decodeOne("00:00:01:000000: ip6-input", "  ICMP6: fd00::2 -> fd00::3", "    tos 0x00, flow label 0x0, hop limit 300, payload length 64");
    expect(warnings).toEqual(["ip6-input: IPv6 header line: expected 'hop limit N' (0 to 255), found 'hop limit 300, payload length 64'"]);
  });

  it("marks an ip6-lookup record without its IPv6 header incomplete: VPP always prints it", () => {
    const parsed = parseTrace("Packet 1\n\n00:00:01:000000: ip6-lookup\n  fib 0 dpo-idx 7 flow hash: 0x00000000\n", { file: "t" });
    expect(parsed.packets[0].incomplete).toBe(true);
    expect(parsed.diagnostics.map((d) => d.message)).toContain("ip6-lookup: record: missing the IPv6 header 'PROTO: src -> dst', which VPP always prints for this node");
  });

  it.runIf(hasSharedTraces)("types the IPv6 records of the shared corpus with their addresses, not as IPv4 key/values", () => {
    const name = "004-vpp-ioam-ipv6-hbh-dpdk-16.09.txt";
    const shared = parseTrace(readFileSync(join(sharedTracesDir, name), "utf8"), { file: name });
    const ip6Records = shared.packets[0].records.filter((r) => r.node.startsWith("ip6-"));
    expect(ip6Records.map((r) => r.kind)).toEqual(["ip6", "ip6", "ip6", "ip6-rewrite"]);
    for (const r of ip6Records.filter((r) => r.node !== "ip6-hop-by-hop")) expect(r.fields.ip6, r.node).toMatchObject({ src: "db05::2", dst: "db06::6" });
    expect(shared.packets[0].records.some((r) => r.fields.kv?.["db05::2"] !== undefined)).toBe(false);
  });
});
