import { describe, expect, it } from "vitest";
import { decodeOne } from "./decode-helper.js";

describe("handoff decoder", () => {
  it.each([
    ["nat44-in2out-worker-handoff", "NAT44_IN2OUT_WORKER_HANDOFF : next-worker 1 trace index 0", { nextWorker: 1, traceIndex: 0 }],
    ["nat44-ei-in2out-worker-handoff", "NAT44_EI_IN2OUT_WORKER_HANDOFF : next-worker 3 trace index 12", { nextWorker: 3, traceIndex: 12 }],
    ["nat44-out2in-worker-handoff", "NAT44_OUT2IN_WORKER_HANDOFF: next-worker 2 trace index 7", { nextWorker: 2, traceIndex: 7 }],
    ["ip4-full-reassembly-handoff", "next-worker 1", { nextWorker: 1, traceIndex: undefined }],
  ])("reads the sender's %s line", (node, line, handoff) => {
    const { record, warnings } = decodeOne(`00:00:01:000010: ${node}`, `  ${line}`);
    expect(record.kind).toBe("handoff");
    expect(record.fields.handoff).toEqual(handoff);
    expect(record.fields.nat).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it("reads the receiver's handoff_trace line", () => {
    const { record } = decodeOne("00:00:01:000020: handoff_trace", "  HANDED-OFF: from thread 4 trace index 0");
    expect(record).toMatchObject({ kind: "handoff", fields: { handoff: { fromThread: 4, traceIndex: 0 } } });
  });
});

describe("dpdk-input Packet Dump", () => {
  it("reads a verbose capture's dump as the record's bytes, decoded like a rewrite's hex dump", () => {
    const { record, warnings } = decodeOne(
      "04:24:37:730732: dpdk-input",
      "  GigabitEthernet0/8/0 rx queue 0",
      "  buffer 0x415e: current data 14, length 110, free-list 0, clone-count 0, totlen-nifb 0, trace 0x0",
      "  PKT MBUF: port 0, nb_segs 1, pkt_len 124",
      "    buf_len 2176, data_len 124, ol_flags 0x0, data_off 128, phys_addr 0x19d05800",
      "    packet_type 0x0 l2_len 0 l3_len 0 outer_l2_len 0 outer_l3_len 0",
      "    Packet Dump",
      "      00000: 08 00 27 a2 a4 50 08 00 27 72 95 8d 08 00 45 00 [..'..P..'r....E.]",
      "      00010: 00 6e 00 00 00 00 fd 11 1c 2b c0 a8 10 01 c0 a8 [.n.......+......]",
      "      00020: 10 02 c3 76 12 b5 [...v..]",
    );
    expect(warnings).toEqual([]);
    expect(record.fields.hexdump).toMatchObject({ length: 38, line: 8, ether: { src: "08:00:27:72:95:8d" }, ip4: { src: "192.168.16.1", dst: "192.168.16.2", srcPort: 50038, dstPort: 4789, length: 110 } });
  });
});
