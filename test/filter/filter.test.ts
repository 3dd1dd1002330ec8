import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { compileFilter, FilterError } from "../../src/filter/index.js";
import { globMatcher } from "../../src/filter/glob.js";
import { parseTrace } from "../../src/trace/index.js";
import { checkPackets } from "../../src/rules/index.js";
import { runCliCapture, sampleFiles, samplePacket, sampleText } from "../helpers.js";

const names = sampleFiles();
const packets = names.map(samplePacket);
const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");

/** The samples (file names without .txt) a filter selects. */
function selected(text: string, withCluster = false): string[] {
  const filter = compileFilter(text);
  const results = filter.needsCheck ? checkPackets(packets, withCluster ? { cluster } : {}).packets : [];
  return names.filter((_, i) => filter.matches(packets[i], results[i])).map((n) => n.replace(/\.txt$/, ""));
}

describe("--filter over the guide's samples", () => {
  it("matches an address that only NAT gave the packet (the service request's pod after DNAT)", () => {
    expect(selected("dst host 10.1.1.5")).toEqual(["pod-to-service-same-node-request"]);
    expect(selected("src host 10.1.1.5")).toEqual(["pod-to-service-same-node-response"]);
  });

  it("matches a port before NAT as well as after it", () => {
    expect(selected("port 80")).toEqual([
      "pod-to-service-host-request",
      "pod-to-service-host-response",
      "pod-to-service-other-node-request-client-node",
      "pod-to-service-other-node-response-client-node",
      "pod-to-service-same-node-request",
      "pod-to-service-same-node-response",
    ]);
  });

  it("matches node names by glob, with TCP flags that must all be set", () => {
    expect(selected("node tap*-output and tcp-flags syn+ack")).toEqual([
      "host-to-pod-response",
      "pod-to-host-response",
      "pod-to-pod-other-node-response-client-node",
      "pod-to-pod-same-node-response",
      "pod-to-service-host-response",
      "pod-to-service-other-node-response-client-node",
      "pod-to-service-same-node-response",
    ]);
  });

  it("selects by verdict: unchecked without the cluster, none of them with it", () => {
    expect(selected("verdict unchecked")).toEqual([
      "pod-to-host-request",
      "pod-to-host-response",
      "pod-to-service-host-request",
      "pod-to-service-host-response",
      "pod-to-service-other-node-request-client-node",
      "pod-to-service-other-node-response-client-node",
      "pod-to-service-same-node-request",
      "pod-to-service-same-node-response",
    ]);
    expect(selected("verdict unchecked", true)).toEqual([]);
    expect(selected("verdict conforms and scenario pod-to-pod-*", true)).toHaveLength(6);
  });

  it("negates a parenthesised alternative", () => {
    expect(selected("not (tcp-flags ack or net 10.96.0.0/12)")).toEqual([
      "host-to-pod-request",
      "pod-to-host-request",
      "pod-to-pod-other-node-request-client-node",
      "pod-to-pod-other-node-request-server-node",
      "pod-to-pod-same-node-request",
      "pod-to-service-other-node-request-server-node",
    ]);
    expect(selected("tcp-flags syn and not (node vxlan4-* or port 80)")).toEqual([
      "host-to-pod-request",
      "host-to-pod-response",
      "pod-to-host-request",
      "pod-to-host-response",
      "pod-to-pod-same-node-request",
      "pod-to-pod-same-node-response",
    ]);
  });

  it("says only a filter reading check results needs the packets checked", () => {
    expect(compileFilter("host 10.1.1.3 and node ip4-*").needsCheck).toBe(false);
    expect(compileFilter("port 80 or not rule path").needsCheck).toBe(true);
  });

  it.each([
    ["host 10.1.1", 6, "'10.1.1' is not an IP address: expected e.g. 10.1.1.3 or 2001:db8::1"],
    ["tcp and net 10.0.0.0/33", 13, "'10.0.0.0/33' is not a network: expected an address and prefix length, e.g. 10.1.0.0/16 or 2001:db8::/32"],
    ["portrange 90-80", 11, "port range '90-80' is empty: its first port is above its last"],
    ["verdict passes", 9, "'passes' is not a verdict: expected conforms, violates, unchecked, incomplete"],
    ["tcp-flags syn|fyn", 11, "'fyn' is not a TCP flag: expected fin, syn, rst, psh, ack, urg, ece, cwr (syn|ack: any, syn+ack: all)"],
  ])("refuses %j at column %i", (text, column, message) => {
    expect(() => compileFilter(text)).toThrow(new FilterError(column, message));
    try {
      compileFilter(text);
    } catch (error) {
      expect((error as FilterError).column).toBe(column);
    }
  });
});

describe("--filter on the commands", () => {
  const samples = names.map((n) => `samples/${n}`);

  it("parse prints only the packets selected, with their indexes in the whole input", async () => {
    const run = await runCliCapture(["parse", "-f", "ndjson", "-q", "--filter", "dst host 10.1.1.5", ...samples]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((p) => [p.index, p.file])).toEqual([[17, "samples/pod-to-service-same-node-request.txt"]]);
  });

  it("check counts only the packets selected, checked on the cluster", async () => {
    const run = await runCliCapture(["check", "-q", "-c", "samples/cluster.yaml", "--filter", "verdict conforms and scenario pod-to-service-*", ...samples]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("8 packets: 8 conform, 0 violate, 0 unchecked, 0 incomplete");
  });

  it("reports a syntax error on one line with its column, exit 2, before reading anything", async () => {
    const run = await runCliCapture(["check", "--filter", "host 10.1.1.3 and (port 80", "no-such-file.txt"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("vpptrace: --filter:1:27: error: expected ')' to close the '(' before it, found the end of the filter\n");
  });

  it("report draws only the packets selected", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "vpptrace-filter-")), "r.html");
    const run = await runCliCapture(["report", "-q", "-c", "samples/cluster.yaml", "--filter", "port 80", "-o", out, ...samples]);
    expect(run.stdout).toBe(`wrote ${out}: 6 packets: 6 conform, 0 violate, 0 unchecked, 0 incomplete\n`);
  });

  it("diff compares only the packets selected on both sides", async () => {
    const run = await runCliCapture(["diff", "-q", "--filter", "dst host 10.1.1.9", "samples/pod-to-pod-same-node-request.txt", "samples/pod-to-service-same-node-request.txt"]);
    expect(run.stdout).toContain("0 pairs: 0 identical, 0 equivalent (same path, volatile values only), 0 different; 1 only in A, 0 only in B");
    expect(run.code).toBe(1);
  });
});

/** An ARP request answered by VPP, and a ping, as an af_packet interface shows them. */
const ARP_AND_PING = `Packet 1

00:17:09:113964: af-packet-input
  af_packet: hw_if_index 1 next-index 4
00:17:09:113974: ethernet-input
  ARP: e2:0f:1e:59:ec:f7 -> 02:fe:d9:75:d5:b4
00:17:09:113986: arp-input
  request, type ethernet/IP4, address size 6/4
  e2:0f:1e:59:ec:f7/10.10.1.1 -> 00:00:00:00:00:00/10.10.1.2

Packet 2

00:18:16:407079: af-packet-input
  af_packet: hw_if_index 1 next-index 4
00:18:16:407085: ethernet-input
  IP4: e2:0f:1e:59:ec:f7 -> 02:fe:d9:75:d5:b4
00:18:16:407095: ip4-input
  ICMP: 10.10.1.1 -> 10.10.1.2
    tos 0x00, ttl 64, length 84, checksum 0x8b3b
    fragment id 0x9a1b, flags DONT_FRAGMENT
  ICMP echo_request checksum 0x5a1e
`;

describe("--filter speaks pcap-filter", () => {
  const vxlanSamples = names.filter((n) => n.includes("other-node")).map((n) => n.replace(/\.txt$/, ""));
  const arpAndPing = parseTrace(ARP_AND_PING, { file: "t" }).packets;
  const pick = (text: string) => arpAndPing.filter((p) => compileFilter(text).matches(p)).map((p) => p.index);

  it("reads a protocol before a type: tcp port 80, udp port 4789, tcp dst port 8080, udp dst port 53", () => {
    expect(selected("tcp port 80")).toEqual(selected("port 80"));
    expect(selected("udp port 4789")).toEqual(vxlanSamples);
    expect(selected("tcp port 4789")).toEqual([]);
    expect(selected("tcp dst port 8080")).toEqual([
      "host-to-pod-request",
      "pod-to-host-request",
      "pod-to-pod-other-node-request-client-node",
      "pod-to-pod-other-node-request-server-node",
      "pod-to-pod-same-node-request",
      "pod-to-service-host-request",
      "pod-to-service-other-node-request-client-node",
      "pod-to-service-other-node-request-server-node",
      "pod-to-service-same-node-request",
    ]);
    expect(selected("udp dst port 53")).toEqual([]);
  });

  it("reads protocols standing alone: ip, vxlan, icmp, arp and not arp", () => {
    expect(selected("ip")).toHaveLength(names.length);
    expect(selected("vxlan")).toEqual(vxlanSamples);
    expect(selected("icmp")).toEqual([]);
    expect(pick("arp")).toEqual([1]);
    expect(pick("not arp")).toEqual([2]);
    expect(pick("icmp")).toEqual([2]);
    expect(pick("ip")).toEqual([2]);
  });

  it("reads src and dst as src host and dst host, and src or dst / src and dst", () => {
    expect(selected("src 10.1.1.3")).toEqual(selected("src host 10.1.1.3"));
    expect(selected("src or dst host 10.1.1.3")).toEqual(selected("host 10.1.1.3"));
    expect(selected("src and dst net 10.1.1.0/24")).toEqual(["pod-to-pod-same-node-request", "pod-to-pod-same-node-response", "pod-to-service-same-node-request", "pod-to-service-same-node-response"]);
  });

  it("reads net X mask Y as net X/len, and ether host as a MAC on any Ethernet header", () => {
    expect(selected("net 192.168.16.0 mask 255.255.255.0")).toEqual(selected("net 192.168.16.0/24"));
    expect(selected("net 192.168.16.0/24")).toEqual(vxlanSamples);
    expect(selected("ether host 02:fe:16:79:39:cb")).toEqual(["pod-to-pod-same-node-request", "pod-to-pod-same-node-response"]);
    expect(selected("ether src 2:FE:16:79:39:CB")).toEqual(["pod-to-pod-same-node-request"]);
  });

  it("gives a value alone the qualifiers before it: host A or B, tcp dst port 80 or 8080", () => {
    expect(selected("host 10.1.1.3 or 10.1.1.12")).toEqual(selected("host 10.1.1.3 or host 10.1.1.12"));
    expect(selected("tcp dst port 80 or 8080")).toEqual(selected("tcp dst port 80 or tcp dst port 8080"));
    expect(selected("not host 10.1.1.3 and 10.1.1.12")).toEqual(selected("not host 10.1.1.3 and host 10.1.1.12"));
  });

  it("reads len, less and greater as the frame's length (IPv4 total length and its Ethernet header)", () => {
    expect(selected("len <= 74")).toEqual(selected("less 74"));
    expect(selected("greater 100")).toEqual(["pod-to-pod-other-node-request-server-node", "pod-to-pod-other-node-response-client-node", "pod-to-service-other-node-request-server-node", "pod-to-service-other-node-response-client-node"]);
    expect(selected("len == 74 or len > 74")).toEqual(selected("greater 74"));
  });

  it("matches node globs in time linear in the name, whatever the stars", () => {
    const matches = globMatcher("*a*a*a*a*a*a*a*a*b");
    const name = "a".repeat(100_000);
    expect(matches(name)).toBe(false);
    expect(matches(`${name}b`)).toBe(true);
    expect(globMatcher("ip4-[a-l]*")("ip4-lookup")).toBe(true);
    expect(globMatcher("ip4-[!a-l]*")("ip4-lookup")).toBe(false);
    expect(globMatcher("tap?-output")("tap8-output")).toBe(true);
    expect(globMatcher("*-output")("-output")).toBe(true);
    expect(globMatcher("a*b*c")("abc")).toBe(true);
    expect(globMatcher("a*b*c")("acb")).toBe(false);
  });

  it.each([
    ["ether port 80", 1, "'ether port' is not a term: 'ether' comes before host"],
    ["ether", 1, "'ether' needs what to match: ether host, ether src or ether dst and a MAC address"],
    ["hostname", 1, "'hostname' is neither a filter term nor an address: expected a term such as host 10.1.1.3, tcp port 80, ip, node ip4-*, or a '('"],
    ["net 10.1.0.0 mask 255.0.255.0", 19, "'255.0.255.0' is not a netmask: its one bits must all come before its zero bits, e.g. 255.255.0.0"],
    ["ether host 10.1.1.3", 12, "'10.1.1.3' is not a MAC address: expected e.g. 02:fe:01:00:00:01"],
    ["node [ab", 6, "'[ab' is not a glob: a '[' is not closed"],
    ["len < x", 7, "'x' is not a length: expected a number of bytes, e.g. 100"],
  ])("says in its own words what is wrong with %j, at column %i", (text, column, message) => {
    expect(() => compileFilter(text)).toThrow(FilterError);
    try {
      compileFilter(text);
    } catch (error) {
      expect({ column: (error as FilterError).column, message: (error as Error).message }).toEqual({ column, message });
    }
  });
});
