import { describe, expect, it } from "vitest";
import { parseTrace } from "../../src/trace/index.js";

const rec = (time: string, node: string, body = "  x 1") => `${time}: ${node}\n${body}`;

describe("packet framing", () => {
  it("restarts Packet numbers per thread and keys packets by thread", () => {
    const text = [
      "------------------- Start of thread 0 vpp_main -------------------",
      "Packet 1",
      "",
      rec("00:00:01:000000", "dpdk-input"),
      rec("00:00:01:000010", "ip4-input"),
      "",
      "------------------- Start of thread 1 vpp_wk_0 -------------------",
      "Packet 1",
      "",
      rec("00:00:02:000000", "dpdk-input"),
      "",
      "Packet 2",
      "",
      rec("00:00:03:000000", "dpdk-input"),
      "",
    ].join("\n");
    const { packets } = parseTrace(text, { file: "t" });
    expect(packets.map((p) => [p.index, p.thread?.index, p.number, p.records.length])).toEqual([
      [1, 0, 1, 2],
      [2, 1, 1, 1],
      [3, 1, 2, 1],
    ]);
  });

  it("keeps Packet numbers past 2^53 apart: they are not rounded into one, and say so", () => {
    const text = ["Packet 999999999999999999999", "", rec("00:00:01:000000", "pg-input"), "Packet 1000000000000000000000", "", rec("00:00:02:000000", "pg-input"), ""].join("\n");
    const parsed = parseTrace(text, { file: "f" });
    expect(parsed.packets.map((p) => [p.number, p.label])).toEqual([
      [null, "Packet 999999999999999999999"],
      [null, "Packet 1000000000000000000000"],
    ]);
    expect(parsed.diagnostics.map((d) => [d.severity, d.line, d.column])).toEqual([
      ["warning", 1, 8],
      ["warning", 5, 8],
    ]);
    expect(parsed.diagnostics[0].message).toBe("Packet '999999999999999999999': a number larger than 2^53 − 1 cannot be held exactly; it is kept as printed in the packet's label only");
  });

  it("keeps no thread whose index cannot be held exactly, rather than a rounded one", () => {
    const text = `------------------- Start of thread 99999999999999999999 vpp_wk_0 -------------------\nPacket 1\n\n${rec("00:00:01:000000", "pg-input")}\n`;
    const parsed = parseTrace(text, { file: "f" });
    expect(parsed.packets[0].thread).toBeNull();
    expect(parsed.diagnostics).toContainEqual(expect.objectContaining({ severity: "warning", line: 1, column: 37 }));
  });

  it("with Packet framing, a device input node inside a packet does not start a new one", () => {
    const text = ["Packet 1", "", rec("00:00:01:000000", "pg-input"), rec("00:00:01:000001", "pg-input"), ""].join("\n");
    expect(parseTrace(text).packets[0].records).toHaveLength(2);
  });

  it("without framing, each device input node after other records starts a new packet", () => {
    const text = [rec("00:00:01:000000", "virtio-input"), rec("00:00:01:000001", "ip4-input"), rec("00:00:02:000000", "virtio-input"), ""].join("\n");
    expect(parseTrace(text).packets.map((p) => p.label)).toEqual(["#1", "#2"]);
  });

  it("keeps a relative time that wrapped at 24h as printed, and parses unix and date-time forms", () => {
    const text = [rec("23:59:59:999999", "virtio-input"), rec("00:00:00:000001", "ip4-input"), rec("1714527731.256986", "ip4-lookup"), rec("2024-05-01T01:48:51.256986", "ip4-rewrite"), ""].join("\n");
    const times = parseTrace(text).packets[0].records.map((r) => r.time);
    expect(times.map((t) => t?.form)).toEqual(["relative", "relative", "unix", "datetime"]);
    expect(times[0]?.seconds).toBeCloseTo(86399.999999, 6);
    expect(times[1]?.seconds).toBeCloseTo(0.000001, 6);
    expect(times[2]?.seconds).toBeCloseTo(1714527731.256986, 6);
    expect(times[3]?.seconds).toBeCloseTo(Date.UTC(2024, 4, 1, 1, 48, 51) / 1000 + 0.256986, 6);
  });

  it("reports the display limit as information", () => {
    const text = `Limiting display to 50 packets. To display more specify max.\nPacket 1\n\n${rec("00:00:01:000000", "pg-input")}\n`;
    expect(parseTrace(text, { file: "f" }).diagnostics).toContainEqual(expect.objectContaining({ severity: "info", line: 1 }));
  });

  it("reports binary input, empty input and non-trace text as one error each, with position", () => {
    expect(parseTrace("abc\nde\u0000f", { file: "b" }).diagnostics).toEqual([
      { severity: "error", file: "b", line: 2, column: 3, message: "not a VPP trace: found a NUL byte, expected `show trace` text" },
    ]);
    expect(parseTrace("", { file: "e" }).diagnostics).toEqual([{ severity: "error", file: "e", line: 1, column: 1, message: "no VPP trace in the input: it is empty" }]);
    const json = parseTrace('\n  {"a": 1}\n', { file: "j" }).diagnostics.filter((d) => d.severity === "error");
    expect(json).toEqual([expect.objectContaining({ line: 2, column: 3 })]);
    expect(json[0].message).toContain(`found '{"a": 1}'`);
  });

  it("never drops a Packet that has no records: it is kept and warned about", () => {
    const text = `Packet 1\n\nPacket 2\n\n${rec("00:00:01:000000", "pg-input")}\n`;
    const parsed = parseTrace(text, { file: "f" });
    expect(parsed.packets.map((p) => p.records.length)).toEqual([0, 1]);
    expect(parsed.diagnostics).toContainEqual(expect.objectContaining({ severity: "warning", message: "Packet 1 has no node records: expected a record header such as '01:48:51:256986: virtio-input' after it" }));
  });
});

describe("records that share one header", () => {
  it("splits entries of one node printed under one header into records", () => {
    const text = [
      "00:41:58:236299: l2-flood",
      "  l2-flood: sw_if_index 1 dst ff:ff:ff:ff:ff:ff src fa:16:3e:1b:3b:df bd_index 1",
      "  l2-flood: sw_if_index 1 dst ff:ff:ff:ff:ff:ff src fa:16:3e:1b:3b:df bd_index 1",
      "00:41:58:236304: l2-output",
      "  l2-output: sw_if_index 4 dst ff:ff:ff:ff:ff:ff src fa:16:3e:1b:3b:df",
      "  l2-output: sw_if_index 5 dst ff:ff:ff:ff:ff:ff src fa:16:3e:1b:3b:df",
      "",
    ].join("\n");
    const records = parseTrace(text).packets[0].records;
    expect(records.map((r) => [r.node, r.line, r.fields.l2?.swIfIndex])).toEqual([
      ["l2-flood", 1, 1],
      ["l2-flood", 3, 1],
      ["l2-output", 4, 4],
      ["l2-output", 6, 5],
    ]);
    expect(records[3].raw).toEqual(["00:41:58:236304: l2-output", "  l2-output: sw_if_index 5 dst ff:ff:ff:ff:ff:ff src fa:16:3e:1b:3b:df"]);
  });

  it("does not split a record whose lines merely look alike at another depth", () => {
    const text = "01:48:51:256986: virtio-input\n  virtio: hw_if_index 7 next-index 4 vring 0 len 74\n    virtio: nested detail\n";
    expect(parseTrace(text).packets[0].records).toHaveLength(1);
  });
});

describe("captions", () => {
  it("warns about a caption that no record follows instead of losing it", () => {
    const parsed = parseTrace("SYN:\n----\nSYN-ACK:\n--------\n01:00:00:000001: some-node\n  a 1\nFIN:\n----\n", { file: "f" });
    expect(parsed.packets.map((p) => p.label)).toEqual(["SYN-ACK"]);
    expect(parsed.diagnostics.filter((d) => d.severity === "warning").map((d) => [d.line, d.message])).toEqual([
      [1, "caption 'SYN' is followed by no node record: expected a record header after its dashed line"],
      [7, "caption 'FIN' is followed by no node record: expected a record header after its dashed line"],
    ]);
  });
});

describe("nothing merges silently", () => {
  const warnings = (text: string): string[] => parseTrace(text, { file: "t" }).diagnostics.filter((d) => d.severity === "warning").map((d) => `${d.line}:${d.column}: ${d.message}`);

  it("keeps a record whose header line has text after the node name, keeping that text and saying so", () => {
    const text = ["Packet 1", "", rec("00:00:01:000000", "pg-input"), "00:00:01:000001: ethernet-input (copied from a ticket)", "  IP4: 02:00:00:00:00:01 -> 02:00:00:00:00:02", rec("00:00:01:000002", "ip4-local", "  fib 0 dpo-idx 1 flow hash: 0x00000000"), ""].join("\n");
    const parsed = parseTrace(text, { file: "t" });
    expect(parsed.packets[0].records.map((r) => r.node)).toEqual(["pg-input", "ethernet-input", "ip4-local"]);
    const ethernet = parsed.packets[0].records[1];
    expect(ethernet.headerRest).toBe("(copied from a ticket)");
    expect(ethernet.fields.ether).toMatchObject({ src: "02:00:00:00:00:01" });
    expect(warnings(text)).toEqual(["5:33: ethernet-input: text after the node name on its header line, kept as the record's headerRest, not decoded: '(copied from a ticket)'"]);
  });

  it("takes `Packet 53:` with a colon as the packet label it is", () => {
    const parsed = parseTrace(`Packet 53:\n\n${rec("00:00:01:000000", "pg-input")}\n`, { file: "t" });
    expect(parsed.packets.map((p) => [p.number, p.records.length])).toEqual([[53, 1]]);
    expect(parsed.diagnostics.filter((d) => d.severity === "warning")).toEqual([]);
  });

  it("says the same about a prompt at the top of a file, between packets and inside a record, and leaves the packets complete", () => {
    const text = ["vpp# show trace", "Packet 1", "", "vpp# show trace", rec("00:00:01:000000", "pg-input", "  stream s, 60 bytes\nvpp# show trace"), ""].join("\n");
    const parsed = parseTrace(text, { file: "t" });
    const message = "skipped 'vpp# show trace': a prompt or code fence around the trace, not trace text";
    expect(warnings(text)).toEqual([`1:1: ${message}`, `4:1: ${message}`, `7:1: ${message}`]);
    expect(parsed.packets.map((p) => p.incomplete ?? false)).toEqual([false]);
  });

  it("marks a packet with an elision incomplete, wherever the `...` stands", () => {
    const inside = ["Packet 1", "", rec("00:00:01:000000", "pg-input", "  stream s, 60 bytes\n   ..."), "Packet 2", "", "[...]", rec("00:00:02:000000", "pg-input", "  stream s, 60 bytes"), "Packet 3", "", rec("00:00:03:000000", "pg-input", "  stream s, 60 bytes"), ""].join("\n");
    const parsed = parseTrace(inside, { file: "t" });
    expect(parsed.packets.map((p) => p.incomplete ?? false)).toEqual([true, true, false]);
    expect(warnings(inside)).toEqual(["5:4: '...': lines were left out of the trace here; the packet is incomplete", "8:1: '[...]': lines were left out of the trace here; the packet is incomplete"]);
  });

  it("reads the tracepath plugin's path summary lines as framing, not as skipped text", () => {
    const text = ["==================== Path [0] ====================", "", "Path: pg-input -> ethernet-input", "Threads: [0]  Count: 5", "", "--- Thread 0 vpp_main ---", "Packet 1", "", rec("00:00:01:000000", "pg-input", "  stream s, 60 bytes"), ""].join("\n");
    expect(warnings(text)).toEqual([]);
    expect(parseTrace(text, { file: "t" }).packets).toHaveLength(1);
  });
});
