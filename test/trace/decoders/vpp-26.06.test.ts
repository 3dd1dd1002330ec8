/**
 * The node families VPP v26.06 prints, read from excerpts of the lab's own captures
 * (test/fixtures/vpp-26.06-lab.txt: seven packets of the pod-to-pod, SNAT, VXLAN and
 * egress-deny scenarios), so that they are checked where no VPP can run.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTrace } from "../../../src/trace/index.js";
import type { NodeRecord } from "../../../src/model/trace.js";
import { root } from "../../helpers.js";

const file = "test/fixtures/vpp-26.06-lab.txt";
const parsed = parseTrace(readFileSync(join(root, file), "utf8"), { file });
const records = parsed.packets.flatMap((p) => p.records);
const first = (node: string): NodeRecord => {
  const record = records.find((r) => r.node === node);
  if (record === undefined) throw new Error(`no ${node} record in ${file}`);
  return record;
};

describe("VPP 26.06 records", () => {
  it("reads every line of the lab's captures into typed fields: no warning, no generic record, no key/value leftovers", () => {
    expect(parsed.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(parsed.packets).toHaveLength(7);
    expect(parsed.packets.filter((p) => p.incomplete)).toEqual([]);
    expect(records.filter((r) => r.kind === "unknown").map((r) => r.node)).toEqual([]);
    expect(records.filter((r) => r.fields.kv !== undefined).map((r) => `${r.node}:${r.line}`)).toEqual([]);
  });

  it("reads af-packet-input's ring block, tpacket3 header and vnet header", () => {
    expect(first("af-packet-input").fields).toMatchObject({
      input: { driver: "af_packet", hwIfIndex: 2, rxQueue: 0, nextIndex: 4 },
      afPacket: {
        block: { number: 1, address: "0x7fcaf1636000", version: 2, seqNum: 2, pktNum: 0 },
        tpacket: { version: 3, status: 9, len: 74, snaplen: 74, mac: 92, net: 106, sec: 0x6b175957, nsec: 0x2d7cbf16, vlan: 0, vlanTpid: 0 },
        vnetHdr: { flags: 1, gsoType: 0, hdrLen: 0, gsoSize: 0, csumStart: 34, csumOffset: 16 },
      },
    });
  });

  it("reads a host-X-tx record: the af_packet line, the buffer printed under its own `buffer 0x…:` line, and the frame as sent", () => {
    const tx = first("host-lv1b-tx");
    expect(tx.kind).toBe("tx");
    expect(tx.fields.output).toEqual({ interface: "host-lv1b", driver: "af_packet", hwIfIndex: 3, txQueue: 0 });
    expect(tx.fields.buffer).toEqual({
      index: 0xfa613, currentData: 0, length: 74, bufferPool: 0, refCount: 1, trace: 0,
      flags: ["ip4", "offload-tcp-cksum"], l2HdrOffset: 0, l3HdrOffset: 14, l4HdrOffset: 34,
    });
    expect(tx.fields.ether).toMatchObject({ type: "IP4", src: "02:fe:01:00:00:02", dst: "00:00:00:00:00:02" });
    expect(tx.fields.ip4).toMatchObject({ src: "10.1.1.2", dst: "10.1.1.3", ttl: 63 });
    expect(tx.fields.l4).toMatchObject({ proto: "TCP", srcPort: 56130, dstPort: 8080, checksum: 0x1607 });
  });

  it("reads the TCP options block under a TCP header, keeping the numbers VPP misprints apart", () => {
    expect(first("ip4-input").fields.l4?.tcpOptions).toEqual({
      mss: 1410, windowScale: true, timestamp: true, sackPermitted: true, printed: { windowScale: 506582608, timestamp: 506582608 },
    });
  });

  it("reads nat44-ed-classify, nat-pre-* (each of a repeated line) and the sv-reassembly verdict", () => {
    expect(first("nat44-ed-classify").fields.natClassify).toEqual({ next: "nat44-ed-in2out" });
    expect(first("nat-pre-out2in").fields.natPre).toMatchObject({ direction: "out2in", nextIndex: 6, arcNextIndex: 10 });
    expect(first("ip4-sv-reassembly-feature").fields.reassembly).toEqual({ action: "not-fragmented" });
  });

  it("reads the NAT44-ED session a reply was translated by", () => {
    expect(first("nat44-ed-out2in").fields.nat).toMatchObject({
      session: 0, via: "o2if", translationResult: "success",
      o2if: { rewrite: { daddr: "10.1.1.2", dport: 51048 } },
      searchKey: { local: "203.0.113.10", localPort: 8080, remote: "192.168.41.1", remotePort: 51048, sessionIndex: 0 },
      // The SYN-ACK: the session's TCP state is still `closed` when it passes.
      tcpState: "closed",
    });
  });

  it("reads the ACL's lc_index and 5-tuple of the 26.06 lines", () => {
    expect(first("acl-plugin-in-ip4-fa").fields.acl).toMatchObject({
      lcIndex: 2, swIfIndex: 2, action: 2, acl: 0, rule: 0,
      tuple: { src: "10.1.1.2", dst: "10.1.1.3", proto: 6, srcPort: 56130, dstPort: 8080, lcIndex: 2, swIfIndex: 2, isInput: true },
    });
  });

  it("reads l2-input's feature list, the l2 feature arc and l2-learn", () => {
    expect(first("l2-input").fields.l2).toMatchObject({ swIfIndex: 5, features: ["l2-input-feat-arc", "l2-fwd", "l2-flood", "l2-flood"] });
    expect(first("l2-input-feat-arc").fields.l2?.featArc).toEqual({ output: false, head: 1, featureBitmap: 0x200a5, ethertype: 0x800, swIfIndex: 5, nextIndex: 15 });
    expect(first("l2-input-feat-arc-end").fields.l2).toMatchObject({ featArc: { swIfIndex: -1, nextIndex: 5 } });
    expect(first("l2-input-feat-arc-end").fields.l2?.swIfIndex).toBeUndefined();
    expect(first("l2-learn").fields.l2).toMatchObject({ swIfIndex: 6, bdIndex: 1 });
  });

  it("reads ip4-receive's compact FIB line and the drop reason with the node that counted it", () => {
    expect(first("ip4-receive").fields.lookup).toEqual({ fib: 0, adjIdx: 10, flowHash: 0 });
    expect(first("error-drop").fields.drop).toEqual({ rxInterface: "host-lv1a" });
    expect(first("drop").fields.drop).toEqual({ node: "acl-plugin-out-ip4-fa", reason: "ACL deny packets" });
  });

  it("reads ARP requests and replies, also as a tx node prints them", () => {
    expect(first("arp-input").fields.arp).toEqual({
      opcode: "request", hardware: "ethernet", protocol: "IP4", hardwareSize: 6, protocolSize: 4,
      senderMac: "02:fe:01:ee:00:02", senderIp: "192.168.41.2", targetMac: "00:00:00:00:00:00", targetIp: "192.168.41.1",
    });
    const tx = records.filter((r) => r.node === "host-lx1-tx").at(-1)!;
    expect(tx.fields.ether?.type).toBe("ARP");
    expect(tx.fields.arp).toMatchObject({ opcode: "reply", senderIp: "192.168.41.1", targetIp: "192.168.41.2" });
  });
});
