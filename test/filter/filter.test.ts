import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { compileFilter, FilterError } from "../../src/filter/index.js";
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
    expect(run.stdout).toContain("0 pairs: 0 identical, 0 different; 1 only in A, 0 only in B");
    expect(run.code).toBe(1);
  });
});
