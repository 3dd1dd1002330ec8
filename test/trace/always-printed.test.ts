/**
 * Every record knows the lines its node always prints: deleting any of them makes the packet
 * incomplete (or the check fails), never a silent `conforms`; values read in full (a rewrite
 * string, a hex dump's rows) are validated; a file that ends inside a record says so. Real
 * traces of other releases keep reading without a line reported missing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { checkPackets } from "../../src/rules/index.js";
import { parseTrace } from "../../src/trace/index.js";
import { hasSharedTraces, sampleFiles, samplesDir, sampleText, sharedTraceFiles, sharedTracesDir } from "../helpers.js";
import { decodeOne } from "./decoders/decode-helper.js";

const cluster = loadCluster(readFileSync(join(samplesDir, "cluster.yaml"), "utf8"), "cluster.yaml");
const RECORD_HEADER = /^\s*\d\d:\d\d:\d\d:\d{6}: \S+$/;
/** The one body line of the samples VPP does not always print: format_vnet_buffer's flags
 *  and header offsets, printed only when the buffer has any. */
const OPTIONAL = /^\s+(?:[a-z0-9-]+ )*l2-hdr-offset \d+ l3-hdr-offset \d+\s*$/;

const verdicts = (text: string): string[] => checkPackets(parseTrace(text, { file: "t" }).packets, { cluster }).packets.map((p) => p.verdict);

describe("a record missing a line its node always prints", () => {
  it.each(sampleFiles())("%s: deleting any body line makes a packet incomplete or failing", (name) => {
    const lines = sampleText(name).split("\n");
    const silent: string[] = [];
    lines.forEach((line, i) => {
      if (!/^\s+\S/.test(line) || RECORD_HEADER.test(line) || OPTIONAL.test(line)) return;
      const after = verdicts(lines.filter((_, j) => j !== i).join("\n"));
      if (!after.includes("incomplete") && !after.includes("violates")) silent.push(`${i + 1}: ${line.trim()}`);
    });
    expect(silent).toEqual([]);
  });

  it("names the line that is missing, after the record's last line", () => {
    const { warnings } = decodeOne("01:48:51:257016: tap8-output", "  tap8", "  TCP: 10.1.1.12 -> 10.1.1.9", "    tos 0x00, ttl 63, length 60, checksum 0xf187", "    fragment id 0x341e");
    expect(warnings).toEqual(["tap8-output: record: missing the packet: its Ethernet line 'TYPE: src-mac -> dst-mac' (a hex dump on an L3 interface), which VPP always prints for this node"]);
  });

  it("reports an IPv4 header without its tos line, so the TTL is never taken as checked", () => {
    const parsed = parseTrace("01:48:51:257016: ip4-input\n  TCP: 10.1.1.12 -> 10.1.1.9\n    fragment id 0x341e\n", { file: "t" });
    expect(parsed.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual(["2:3: ip4-input: header 'TCP: 10.1.1.12 -> 10.1.1.9': missing the line 'tos 0x…, ttl N, length N, checksum 0x…' VPP prints under it"]);
    expect(verdicts(sampleText("pod-to-pod-same-node-request.txt").replace("    tos 0x00, ttl 63, length 60, checksum 0xf187\n", ""))).toEqual(["incomplete"]);
  });

  it("reports another node's first line inside a record: that node's header line is missing", () => {
    const text = sampleText("pod-to-pod-same-node-request.txt").replace("01:48:51:256995: acl-plugin-in-ip4-fa\n", "");
    const { diagnostics } = parseTrace(text, { file: "t" });
    expect(diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([
      "16:3: ip4-input: body line: expected a line of ip4-input, not the line acl-plugin records start with (is that record's header line missing above it?), found 'acl-plugin: sw_if_index 7, next index 1, action: 2, match: acl 1 rule 0 trace_bi…'",
    ]);
    // The ACL's node is gone from the path, and the rules say so.
    expect(verdicts(text)).toEqual(["violates"]);
  });
});

describe("values read in full", () => {
  const sample = sampleText("pod-to-pod-same-node-request.txt");
  const warningsOf = (text: string): string[] => parseTrace(text, { file: "t" }).diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);

  it("refuses a rewrite string with a character that is not hex", () => {
    const text = sample.replace("tap8: 00000000000202fe167939cb0800", "tap8: 00000000000202fe1679z9cb0800");
    expect(warningsOf(text)).toEqual(["32:58: ip4-rewrite: adjacency line: expected the rewrite string: an even number of hex digits, found '00000000000202fe1679z9cb0800'"]);
    expect(verdicts(text)).toEqual(["incomplete"]);
  });

  it("refuses a rewrite string one byte short of the Ethernet header the dump starts with", () => {
    const text = sample.replace("tap8: 00000000000202fe167939cb0800", "tap8: 00000000000202fe167939cb08");
    expect(warningsOf(text)).toEqual(["32:58: ip4-rewrite: adjacency line: expected the rewrite string the dump below starts with (14 bytes: 00000000000202fe167939cb0800), found '00000000000202fe167939cb08'"]);
    expect(verdicts(text)).toEqual(["incomplete"]);
  });

  it("refuses a hex dump row of the wrong length, and a dump whose last row is gone", () => {
    const short = sample.replace("f1870a01010c0a01\n", "f1870a01010c0a\n");
    expect(warningsOf(short)).toEqual(["33:3: ip4-rewrite: hex dump: expected 32 bytes in a row before the last, found '31'"]);
    const cut = sample.replace("  00000020: 01099b8c1f908c66e43400000000a0027210c3de0000020405b40402\n", "");
    expect(warningsOf(cut)).toEqual(["33:3: ip4-rewrite: hex dump: expected the packet's first 60 bytes (at least its IPv4 header): a row is missing, found '32 bytes'"]);
    expect(verdicts(cut)).toEqual(["incomplete"]);
  });

  it("says that an input ends inside a record when its last line has no line break", () => {
    const cut = sample.slice(0, sample.indexOf("seq. 0x8c66e434", sample.lastIndexOf("tap8-output")) + 9);
    const { diagnostics } = parseTrace(cut, { file: "t" });
    expect(diagnostics.map((d) => d.message)).toContain("the input ends inside a record, in the middle of a line (no line break after it): the capture may have been cut here");
    expect(verdicts(cut)).toEqual(["incomplete"]);
  });
});

/** Excerpts whose authors elided lines (MANIFEST.tsv says so): their missing lines are real. */
const ELIDED: Record<string, number> = { "010": 3 };

describe.skipIf(!hasSharedTraces)("the shared real traces", () => {
  it.each(sharedTraceFiles())("%s has no line reported missing unless its author elided it", (name) => {
    const { diagnostics } = parseTrace(readFileSync(join(sharedTracesDir, name), "utf8"), { file: name });
    const missing = diagnostics.filter((d) => / missing |records start with|hex dump:|adjacency line: expected the rewrite/.test(d.message));
    expect(missing.length, missing.map((d) => d.message).join("\n")).toBe(ELIDED[name.slice(0, 3)] ?? 0);
  });
});
