import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTrace } from "../../src/trace/index.js";
import { headerViews } from "../../src/trace/headers.js";
import type { Packet } from "../../src/model/trace.js";
import { hasSharedTraces, root, runCliCapture, sampleFiles, sharedTracesDir } from "../helpers.js";

const inputs = [...sampleFiles().map((f) => `samples/${f}`), "test/fixtures/dpdk-packet-dump.txt"];

function hasTshark(): boolean {
  try {
    execFileSync("tshark", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** For each record with a hex dump, the 5-tuple the trace printed for it: the first IPv4
 *  and L4 header printed at that record or after it (the output node's print of what
 *  ip4-rewrite sent, dpdk-input's own print of what it received). */
function printedTuples(packet: Packet): string[] {
  const views = headerViews(packet);
  return packet.records.flatMap((record, position) => {
    if (record.fields.hexdump === undefined) return [];
    const print = views.find((v) => v.source === "print" && v.position >= position);
    return print === undefined ? [] : [`${print.src} ${print.dst} ${print.proto} ${print.srcPort} ${print.dstPort}`];
  });
}

describe("vpptrace pcap", () => {
  it.skipIf(!hasTshark())(
    "writes a pcapng that tshark reads back with the 5-tuples the trace printed, on one interface per VPP interface",
    async () => {
      const out = join(mkdtempSync(join(tmpdir(), "vpptrace-pcap-")), "out.pcapng");
      const run = await runCliCapture(["pcap", "-q", "-o", out, ...inputs]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`wrote ${out}: 24 packet records on 10 interfaces, from 19 traced packets\n`);
      const expected = inputs.flatMap((f) => parseTrace(readFileSync(join(root, f), "utf8"), { file: f }).packets.flatMap(printedTuples));
      const fields = ["ip.src", "ip.dst", "ip.proto", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "frame.interface_name", "frame.cap_len", "frame.len", "frame.comment"];
      const text = execFileSync("tshark", ["-r", out, "-T", "fields", "-E", "separator=\t", ...fields.flatMap((f) => ["-e", f])], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      const rows = text.trimEnd().split("\n").map((line) => line.split("\t").map((v) => v.split(",")[0]));
      // The outer header of a VXLAN packet comes first in tshark's lists, as in the print.
      const tuples = rows.map(([src, dst, proto, tcpSrc, tcpDst, udpSrc, udpDst]) => `${src} ${dst} ${proto} ${proto === "17" ? udpSrc : tcpSrc} ${proto === "17" ? udpDst : tcpDst}`);
      expect(tuples).toEqual(expected);
      expect(rows[0].slice(7)).toEqual(["tap5", "60", "74", "[1] #1: ip4-rewrite at samples/host-to-pod-request.txt:31"]);
      expect(rows[22].slice(7)).toEqual(["GigabitEthernet0/8/0", "124", "124", "[19] SYN from the server's node: dpdk-input at test/fixtures/dpdk-packet-dump.txt:3"]);
    },
    120_000,
  );

  it.skipIf(!hasTshark() || !hasSharedTraces)(
    "puts a dump that starts at the IPv4 header (an L3 tunnel's rewrite) on a raw IPv4 interface",
    async () => {
      const out = join(mkdtempSync(join(tmpdir(), "vpptrace-pcap-")), "tun.pcapng");
      const trace = `${sharedTracesDir}/015-calico-docs-virtio-cnat-tun-l3-rewrite-annotated.txt`;
      expect((await runCliCapture(["pcap", "-q", "-o", out, trace])).code).toBe(0);
      const text = execFileSync("tshark", ["-r", out, "-T", "fields", "-E", "separator=\t", "-e", "frame.interface_name", "-e", "ip.src", "-e", "tcp.srcport", "-e", "frame.cap_len", "-e", "frame.len"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      expect(text.trimEnd().split("\n")).toEqual(["tun4 (IPv4)\t11.96.0.1\t443\t60\t688", "tun4 (IPv4)\t11.96.0.1\t443\t120\t688"]);
    },
    120_000,
  );

  it("says so when no packet printed a hex dump", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "vpptrace-pcap-")), "none.pcapng");
    const run = await runCliCapture(["pcap", "-o", out, "-"], "01:48:51:256986: virtio-input\n  virtio: hw_if_index 7 next-index 4 vring 0 len 74\n");
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`vpptrace: none of the 1 packets printed a hex dump (ip4-rewrite, an output node, or dpdk's Packet Dump of a verbose capture): ${out} holds no packet`);
    // A section header alone: the pcapng magic, and a length at both ends.
    const bytes = readFileSync(out);
    expect(bytes.readUInt32LE(0)).toBe(0x0a0d0d0a);
    expect(bytes.readUInt32LE(4)).toBe(bytes.length);
    expect(bytes.readUInt32LE(bytes.length - 4)).toBe(bytes.length);
  });

  it("refuses to write the capture to standard output", async () => {
    const run = await runCliCapture(["pcap", "-o", "-", "samples/pod-to-pod-same-node-request.txt"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("vpptrace: pcap writes a binary file: give its name with -o\n");
  });
});
