import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Packet } from "../../src/model/trace.js";
import { validateAgainst } from "../../src/schemas/index.js";
import { HandoffJoiner } from "../../src/trace/handoff.js";
import { parseTrace } from "../../src/trace/index.js";
import { root, runCliCapture } from "../helpers.js";
import { pushInChunks } from "../support/stream.js";

const fixture = (name: string): string => readFileSync(join(root, "test/fixtures", name), "utf8");
const twoWorkers = fixture("handoff-two-workers.txt");
const receiverMissing = fixture("handoff-receiver-missing.txt");
const FILE = "handoff-two-workers.txt";

const nodesWithThreads = (p: Packet): string[] => p.records.map((r) => `${r.thread?.index}:${r.node}`);

describe("hand-off joining", () => {
  it("joins the sender's half and the receiver's half, printed first on the lower thread, into one packet", () => {
    const { packets, diagnostics } = parseTrace(twoWorkers, { file: FILE });
    expect(diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(packets).toHaveLength(1);
    const [packet] = packets;
    expect(packet).toMatchObject({ index: 1, thread: { index: 2, name: "vpp_wk_1" }, number: 1, line: 42, joined: { thread: { index: 1, name: "vpp_wk_0" }, number: 1, label: "Packet 1", line: 4 } });
    expect(nodesWithThreads(packet)).toEqual([
      "2:virtio-input", "2:ethernet-input", "2:ip4-input", "2:acl-plugin-in-ip4-fa", "2:nat44-in2out-worker-handoff",
      "1:handoff_trace", "1:nat44-in2out", "1:nat44-in2out-slowpath", "1:ip4-lookup", "1:ip4-rewrite", "1:acl-plugin-out-ip4-fa", "1:tap2-output",
    ]);
    expect(packet.records[4].fields.handoff).toEqual({ nextWorker: 1, traceIndex: 0 });
    expect(packet.records[5].fields.handoff).toEqual({ fromThread: 2, traceIndex: 0 });
  });

  it("joins the same way when the text streams in small pieces", () => {
    const { parsed } = pushInChunks(twoWorkers, { file: FILE, chunk: 7, segmentSize: 64 });
    expect(parsed.packets.map(nodesWithThreads)).toEqual(parseTrace(twoWorkers, { file: FILE }).packets.map(nodesWithThreads));
  });

  it("keeps the halves apart when told not to join", () => {
    const { packets, diagnostics } = parseTrace(twoWorkers, { file: FILE, join: false });
    expect(packets.map((p) => [p.thread?.index, p.records[0].node, p.records.at(-1)?.node])).toEqual([
      [1, "handoff_trace", "tap2-output"],
      [2, "virtio-input", "nat44-in2out-worker-handoff"],
    ]);
    expect(packets.every((p) => p.joined === undefined && p.incomplete === undefined)).toBe(true);
    expect(diagnostics.filter((d) => d.severity === "warning")).toEqual([]);
  });

  it("warns that the receiving half is missing, and leaves the sender's half incomplete", () => {
    const { packets, diagnostics } = parseTrace(receiverMissing, { file: "missing.txt" });
    expect(packets).toHaveLength(1);
    expect(packets[0].incomplete).toBe(true);
    expect(diagnostics.filter((d) => d.severity === "warning")).toEqual([
      {
        severity: "warning",
        file: "missing.txt",
        line: 25,
        column: 1,
        message:
          "Packet 1 (thread 2) was handed off to thread 1 (nat44-in2out-worker-handoff: trace index 0), but the receiving half — a packet of thread 1 starting 'HANDED-OFF: from thread 2 trace index 0' — is not in the capture; its path ends at the hand-off",
      },
    ]);
  });

  it("warns that the sending half is missing when only the receiver was captured", () => {
    const onlyReceiver = twoWorkers.slice(0, twoWorkers.indexOf("------------------- Start of thread 2"));
    const { packets, diagnostics } = parseTrace(onlyReceiver, { file: "r.txt" });
    expect(packets.map((p) => [p.records[0].node, p.incomplete])).toEqual([["handoff_trace", true]]);
    expect(diagnostics.find((d) => d.severity === "warning")?.message).toBe(
      "Packet 1 (thread 1) was handed off from thread 2 (trace index 0), but the sending half — a packet of thread 2 ending at a *-worker-handoff record 'next-worker 1 trace index 0', or with 'trace handle 0x2000000' — is not in the capture; its path starts at handoff_trace",
    );
  });

  it("does not join a receiver that is earlier in time than its sender", () => {
    const backwards = twoWorkers.replace("01:59:50:724732: handoff_trace", "01:59:49:000000: handoff_trace");
    const { packets, diagnostics } = parseTrace(backwards, { file: FILE });
    expect(packets).toHaveLength(2);
    expect(diagnostics.filter((d) => d.severity === "warning")).toHaveLength(2);
  });

  it("gives up on the oldest half waiting once the table of pending halves is full", () => {
    const { packets: halves } = parseTrace(receiverMissing.replace("trace index 0", "trace index 7") + receiverMissing.split("Start of thread 2 vpp_wk_1 -------------------\n")[1].replace(/^Packet 1/m, "Packet 2"), { file: "m.txt", join: false });
    expect(halves).toHaveLength(2);
    const joiner = new HandoffJoiner(1);
    const first = joiner.add({ packets: halves, diagnostics: [] });
    expect(first.packets.map((p) => [p.label, p.incomplete])).toEqual([["Packet 1", true]]);
    expect(first.diagnostics[0].message).toMatch(/^Packet 1 \(thread 2\) was handed off to thread 1 \(nat44-in2out-worker-handoff: trace index 7\)/);
    expect(joiner.finish({ packets: [], diagnostics: [] }).packets.map((p) => p.label)).toEqual(["Packet 2"]);
  });
});

describe("hand-off joining in the commands", () => {
  it("check sees one packet along the whole path, and it conforms", async () => {
    const run = await runCliCapture(["check", "-c", "samples/cluster.yaml", "test/fixtures/handoff-two-workers.txt"]);
    expect(run.stdout).toContain("ok   [1] Packet 1 (test/fixtures/handoff-two-workers.txt:42 thread 2) pod-to-service-same-node response on k8s-master: conforms");
    expect(run.stdout).toContain("1 packet: 1 conform, 0 violate, 0 unchecked, 0 incomplete");
    expect(run.code).toBe(0);
  });

  it("check fails on the half whose partner is missing, with the warning", async () => {
    const run = await runCliCapture(["check", "-c", "samples/cluster.yaml", "test/fixtures/handoff-receiver-missing.txt"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("1 packet: 0 conform, 0 violate, 0 unchecked, 1 incomplete");
    expect(run.stderr).toContain("test/fixtures/handoff-receiver-missing.txt:25:1: warning: Packet 1 (thread 2) was handed off to thread 1");
  });

  it("parse --format json of the joined packet validates against the shipped schema", async () => {
    const run = await runCliCapture(["parse", "-f", "json", "test/fixtures/handoff-two-workers.txt"]);
    const doc = JSON.parse(run.stdout);
    expect(validateAgainst("parse", doc)).toEqual([]);
    expect(doc.packets[0].records[5]).toMatchObject({ kind: "handoff", node: "handoff_trace", thread: { index: 1, name: "vpp_wk_0" } });
  });

  it("parse --no-join prints the two halves, and the joined packet's heading names both threads", async () => {
    const apart = await runCliCapture(["parse", "-f", "ndjson", "--no-join", "test/fixtures/handoff-two-workers.txt"]);
    expect(apart.stdout.trimEnd().split("\n")).toHaveLength(2);
    const joined = await runCliCapture(["parse", "test/fixtures/handoff-two-workers.txt"]);
    expect(joined.stdout).toContain("[1] Packet 1 (test/fixtures/handoff-two-workers.txt:42, thread 2 vpp_wk_1) handed off to thread 1 vpp_wk_0 (Packet 1 at line 4)");
  });

  it("diff pairs the joined packet with the same packet captured on one thread: only the hand-off differs", async () => {
    const run = await runCliCapture(["diff", "-q", "test/fixtures/handoff-two-workers.txt", "samples/pod-to-service-same-node-response.txt"]);
    expect(run.stdout).toContain("first divergence: nat44-in2out-worker-handoff only in A (test/fixtures/handoff-two-workers.txt:61)");
    expect(run.stdout.match(/only in A  │/g)).toHaveLength(2);
    expect(run.stdout).toContain("1 pairs: 0 identical, 0 equivalent (same path, volatile values only), 1 different; 0 only in A, 0 only in B");
  });
});

describe("a packet handed off twice", () => {
  it("joins all three halves in time order, each record on its thread", () => {
    const bar = (n: number): string => `------------------- Start of thread ${n} vpp_wk_${n - 1} -------------------`;
    const text = [
      bar(1), "Packet 1", "", "00:00:01:000030: handoff_trace", "  HANDED-OFF: from thread 2 trace index 5", "00:00:01:000031: nat44-out2in-worker-handoff", "  NAT44_OUT2IN_WORKER_HANDOFF : next-worker 3 trace index 9", "",
      bar(2), "Packet 1", "", "00:00:01:000010: virtio-input", "  virtio: hw_if_index 7 next-index 4 vring 0 len 74", "    hdr: flags 0x00 gso_type 0x00 hdr_len 0 gso_size 0 csum_start 0 csum_offset 0 num_buffers 1", "00:00:01:000020: nat44-in2out-worker-handoff", "  NAT44_IN2OUT_WORKER_HANDOFF : next-worker 1 trace index 5", "",
      bar(3), "Packet 1", "", "00:00:01:000040: handoff_trace", "  HANDED-OFF: from thread 1 trace index 9", "00:00:01:000041: ip4-lookup", "  fib 0 dpo-idx 5 flow hash: 0x00000000", "  UDP: 172.16.1.2 -> 172.16.2.2", "    tos 0x00, ttl 63, length 46, checksum 0x209a", "    fragment id 0x0001", "",
    ].join("\n");
    const { packets, diagnostics } = parseTrace(`${text}\n`, { file: "three.txt" });
    expect(diagnostics.filter((d) => d.severity === "warning")).toEqual([]);
    expect(packets.map(nodesWithThreads)).toEqual([
      ["2:virtio-input", "2:nat44-in2out-worker-handoff", "1:handoff_trace", "1:nat44-out2in-worker-handoff", "3:handoff_trace", "3:ip4-lookup"],
    ]);
  });
});

describe("hand-off joining by trace handle (no *-worker-handoff record)", () => {
  const demo = fixture("handoffdemo-two-workers.txt");

  it("joins VPP's handoffdemo capture into one packet per handed-off buffer, each sender found by its trace handle", () => {
    const { packets, diagnostics } = parseTrace(demo, { file: "handoffdemo" });
    expect(diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(packets).toHaveLength(5);
    for (const [i, packet] of packets.entries()) {
      expect(nodesWithThreads(packet)).toEqual(["1:pg-input", "1:handoffdemo-1", "2:handoff_trace", "2:handoffdemo-2", "2:error-drop", "2:drop"]);
      expect(packet.records[0].fields.buffer?.trace).toBe(0x1000000 + i);
      expect(packet.records[2].fields.handoff).toEqual({ fromThread: 1, traceIndex: i });
      expect(packet.incomplete).toBeUndefined();
    }
  });

  it("leaves a packet whose trace handle no receiver names as it is, without a warning", () => {
    const senders = demo.slice(0, demo.indexOf("------------------- Start of thread 2"));
    const { packets, diagnostics } = parseTrace(senders, { file: "senders" });
    expect(packets.map((p) => [p.records.length, p.incomplete])).toEqual(Array(5).fill([2, undefined]));
    expect(diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("names the trace handle it looked for when a receiver's sender is missing", () => {
    const receivers = demo.slice(demo.indexOf("------------------- Start of thread 2"));
    const { diagnostics } = parseTrace(receivers, { file: "receivers" });
    expect(diagnostics[0].message).toContain("or with 'trace handle 0x1000000' — is not in the capture");
  });
});
