import { describe, expect, it } from "vitest";
import { describeNodeDiff, diffTraces } from "../../src/diff/index.js";
import { alignSequences } from "../../src/diff/lcs.js";
import { validateAgainst } from "../../src/schemas/index.js";
import { parseTrace } from "../../src/trace/index.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { inject } from "../rules/fault.js";

const packets = (text: string, file = "t") => parseTrace(text, { file }).packets;
const diff = (a: string, b: string, options = {}) => diffTraces(packets(a, "A"), packets(b, "B"), options);
const differences = (a: string, b: string) => diff(a, b).packets.flatMap((p) => p.nodes.filter((n) => n.kind !== "same").map(describeNodeDiff));

const SAME_NODE_SYN = "pod-to-pod-same-node-request.txt";

describe("longest common subsequence of node names", () => {
  it("shows an inserted node as inserted instead of shifting the rest", () => {
    expect(alignSequences(["a", "b", "c"], ["a", "x", "b", "c"])).toEqual([{ a: 0, b: 0 }, { b: 1 }, { a: 1, b: 2 }, { a: 2, b: 3 }]);
    expect(alignSequences(["a", "b", "c"], ["a", "c"])).toEqual([{ a: 0, b: 0 }, { a: 1 }, { a: 2, b: 1 }]);
  });
});

describe("vpptrace diff", () => {
  it.each(sampleFiles())("finds %s identical to itself", (name) => {
    const result = diff(sampleText(name), sampleText(name));
    expect(result.summary).toEqual({ pairs: 1, identical: 1, equivalent: 0, different: 0, onlyA: 0, onlyB: 0 });
  });

  it("masks timestamps, buffer indices, checksums, sequence numbers and IP ids", () => {
    const b = sampleText("pod-to-pod-other-node-request-client-node.txt")
      .replace(/^04:26:22:97/gm, "11:11:11:11")
      .replace("buffer 0x1b3cf:", "buffer 0x2c4d0:")
      .replace("phys_addr 0x52cf440", "phys_addr 0x7777777")
      .replace(/checksum 0xf302/g, "checksum 0x1234")
      .replace(/seq\. 0xd26ce551/g, "seq. 0x00000001")
      .replace(/fragment id 0x309f/g, "fragment id 0x4242")
      .replace(/dpo-idx 28/g, "dpo-idx 31")
      .replace(/flow hash: 0x00000001/g, "flow hash: 0x0000000a");
    expect(diff(sampleText("pod-to-pod-other-node-request-client-node.txt"), b).summary).toMatchObject({ identical: 0, equivalent: 1 });
    expect(diff(sampleText("pod-to-pod-other-node-request-client-node.txt"), b, { strict: true }).summary.different).toBe(1);
  });

  it("names a removed node", () => {
    const b = sampleText(SAME_NODE_SYN).replace(/01:48:51:257013: acl-plugin-out-ip4-fa\n(?: .*\n){3}/, "");
    expect(differences(sampleText(SAME_NODE_SYN), b)).toEqual(["acl-plugin-out-ip4-fa only in A (A:35)"]);
  });

  it("names an added node", () => {
    const b = sampleText(SAME_NODE_SYN).replace("01:48:51:257011: ip4-rewrite", "01:48:51:257010: ip4-load-balance\n  fib 0 dpo-idx 12 flow hash: 0x00000000\n01:48:51:257011: ip4-rewrite");
    expect(differences(sampleText(SAME_NODE_SYN), b)).toEqual(["ip4-load-balance only in B (B:31)"]);
  });

  it("names a changed ACL action", () => {
    const a = sampleText("pod-to-pod-same-node-response.txt");
    const b = inject("pod-to-pod-same-node-response.txt", ["action: 3, match: acl -1 rule 170 trace_bits 80000000", "action: 1, match: acl -1 rule 170 trace_bits 80000000"]);
    expect(differences(a, b)).toEqual(["acl-plugin-out-ip4-fa: acl.action 3 → 1"]);
  });

  it("names a NAT session going from ≥ 0 to -1, but not a change of session number", () => {
    const a = sampleText("pod-to-service-same-node-request.txt");
    expect(differences(a, inject("pod-to-service-same-node-request.txt", ["session index 5", "session index -1"]))).toEqual(["nat44-out2in: nat.session 5 → -1"]);
    expect(differences(a, inject("pod-to-service-same-node-request.txt", ["session index 5", "session index 9"]))).toEqual([]);
  });

  it("names a changed egress interface", () => {
    const a = sampleText("pod-to-service-same-node-response.txt");
    const b = inject("pod-to-service-same-node-response.txt", ["ipv4 via 10.1.1.3 tap2:", "ipv4 via 10.1.1.3 tap4:"], ["01:59:50:724740: tap2-output\n  tap2", "01:59:50:724740: tap4-output\n  tap4"]);
    expect(differences(a, b)).toEqual(["ip4-rewrite: rewrite.interface tap2 → tap4", "tap2-output / tap4-output: node tap2-output → tap4-output, output.interface tap2 → tap4"]);
  });

  it("reports a packet missing from B", () => {
    const a = `${sampleText(SAME_NODE_SYN)}\n${sampleText("pod-to-pod-same-node-response.txt")}`;
    const result = diff(a, sampleText(SAME_NODE_SYN));
    expect(result.summary).toEqual({ pairs: 1, identical: 1, equivalent: 0, different: 0, onlyA: 1, onlyB: 0 });
    expect(result.packets.find((p) => p.status === "only-a")).toMatchObject({ flow: "tcp 10.1.1.9:8080 > 10.1.1.12:39820", direction: "response", firstDivergence: "packet only in A" });
  });

  it("pairs two reordered packets by flow and finds them equivalent", () => {
    const syn = sampleText(SAME_NODE_SYN);
    const synAck = sampleText("pod-to-pod-same-node-response.txt");
    const result = diff(`${syn}\n${synAck}`, `${synAck}\n${syn}`);
    expect(result.summary).toEqual({ pairs: 2, identical: 2, equivalent: 0, different: 0, onlyA: 0, onlyB: 0 });
    expect(result.packets.map((p) => [p.a?.index, p.b?.index])).toEqual([[1, 2], [2, 1]]);
  });

  it("shows exactly the NAT translation and the changed destination between a service request and a pod-to-pod request", () => {
    const result = diff(sampleText(SAME_NODE_SYN), sampleText("pod-to-service-same-node-request.txt"));
    expect(result.packets[0]).toMatchObject({ crossFlow: true, firstDivergence: "nat44-out2in: nat.session -1 → 5" });
    const fields = result.packets[0].nodes.flatMap((n) => n.changes.map((c) => `${n.a?.node} ${c.field}`));
    // The port after NAT is 8080 on both sides: the same value is no difference, whatever
    // role it plays in each flow.
    expect(fields).toEqual([
      "nat44-out2in nat.session",
      "ip4-lookup ip4.dst",
      "ip4-rewrite rewrite.via", "ip4-rewrite hexdump.ip4.dst",
      "acl-plugin-out-ip4-fa acl.tuple.dst",
      "tap8-output ip4.dst",
    ]);
    expect(result.packets[0].nodes.find((n) => n.a?.node === "ip4-lookup")?.changes[0]).toEqual({ field: "ip4.dst", a: "10.1.1.9 ⟨dst⟩", b: "10.1.1.5" });
  });

  it("--ignore and --only adjust the compared fields", () => {
    const a = sampleText("pod-to-pod-same-node-response.txt");
    const b = inject("pod-to-pod-same-node-response.txt", ["action: 3, match: acl -1 rule 170 trace_bits 80000000", "action: 1, match: acl -1 rule 170 trace_bits 80000000"]);
    expect(diff(a, b, { ignore: ["action"] }).summary.identical).toBe(1);
    expect(diff(a, b, { only: ["ttl"] }).summary.identical).toBe(1);
    expect(diff(a, b, { only: ["acl.action"] }).summary.different).toBe(1);
  });

  it("produces JSON that validates against the diff schema", () => {
    const result = diff(sampleText(SAME_NODE_SYN), sampleText("pod-to-service-same-node-request.txt"));
    expect(validateAgainst("diff", JSON.parse(JSON.stringify(result)))).toEqual([]);
  });
});

describe("the streaming diff", () => {
  it("gives the whole-trace result with B taken in batches, and lets A's paired packets go", async () => {
    const { TraceDiffer } = await import("../../src/diff/index.js");
    const { generateTrace } = await import("../../src/bench/generate.js");
    const { parseTrace } = await import("../../src/trace/index.js");
    const { samplesDir } = await import("../helpers.js");
    const a = parseTrace(generateTrace(60_000, samplesDir, 3, 1), { file: "a" }).packets;
    const other = parseTrace(generateTrace(60_000, samplesDir, 3, 2), { file: "b" }).packets;
    // B: most of A in another order, some packets of another trace.
    const b = [...a.slice(10).reverse(), ...other.slice(0, 8)];
    const emitted: unknown[] = [];
    const differ = new TraceDiffer({}, (diff) => emitted.push(diff));
    differ.addA(a);
    for (let i = 0; i < b.length; i += 7) differ.addB(b.slice(i, i + 7));
    const whole = diffTraces(a, b);
    const held = (differ as unknown as { a: unknown[] }).a.filter((side) => side !== undefined).length;
    const summary = differ.finish();
    expect({ packets: emitted, masked: differ.masked, summary }).toEqual(whole);
    expect(summary.onlyA + summary.different).toBeGreaterThan(0);
    // Only the packets of A that B does not repeat were still held.
    expect(held).toBeLessThanOrEqual(10);
    expect(() => differ.addA(a)).toThrow(/all of A comes before B/);
  });

  it("writes each pair as soon as the packets of A before it are settled, not at the end", async () => {
    const { TraceDiffer } = await import("../../src/diff/index.js");
    const { generateTrace } = await import("../../src/bench/generate.js");
    const { parseTrace } = await import("../../src/trace/index.js");
    const { samplesDir } = await import("../helpers.js");
    const a = parseTrace(generateTrace(60_000, samplesDir, 3, 1), { file: "a" }).packets;
    const emitted: number[] = [];
    const differ = new TraceDiffer({}, (diff) => emitted.push(diff.a!.index));
    differ.addA(a);
    differ.addB(a.slice(0, 5));
    expect(emitted).toEqual([1, 2, 3, 4, 5]);
    differ.addB(a.slice(5));
    expect(emitted).toHaveLength(a.length);
    expect(differ.finish()).toMatchObject({ pairs: a.length, identical: a.length });
  });
});

describe("what the diff holds of A", () => {
  it("holds A's packets as bytes side by side in a few shared slabs, not as packets or a Buffer each, and pairs each flow's packets in order", async () => {
    const { TraceDiffer } = await import("../../src/diff/index.js");
    const { generateTrace } = await import("../../src/bench/generate.js");
    const { samplesDir } = await import("../helpers.js");
    const a = parseTrace(generateTrace(1_000_000, samplesDir, 3, 1), { file: "a" }).packets;
    const pairs: [number, number][] = [];
    const differ = new TraceDiffer({}, (diff) => pairs.push([diff.a!.index, diff.b!.index]));
    differ.addA(a);
    const held = (differ as unknown as { a: Record<string, unknown>[] }).a;
    expect(held).toHaveLength(a.length);
    expect(held.some((h) => "records" in h || "packet" in h)).toBe(false);
    expect(new Set(held.map((h) => h.slab)).size).toBeLessThan(a.length / 20);
    // B is A again: the n-th packet of a flow and direction in B meets the n-th in A.
    differ.addB(parseTrace(generateTrace(1_000_000, samplesDir, 3, 1), { file: "b" }).packets);
    expect(differ.finish()).toMatchObject({ pairs: a.length, identical: a.length });
    expect(pairs.every(([ia, ib]) => ia === ib)).toBe(true);
  });
});

describe("the streamed diff outputs", () => {
  // The text writer's output is held to the recorded one by test/cli/golden.test.ts.
  it("write JSON byte for byte as JSON.stringify gives the whole result", async () => {
    const { DiffJsonWriter } = await import("../../src/report/diff-json.js");
    const results = [
      diff(sampleText(SAME_NODE_SYN), sampleText("pod-to-service-same-node-request.txt")),
      diff(sampleText(SAME_NODE_SYN), sampleText(SAME_NODE_SYN)),
      diff("", sampleText(SAME_NODE_SYN)),
      diff("", ""),
    ];
    for (const result of results) {
      let json = "";
      const jsonWriter = new DiffJsonWriter((t) => (json += t));
      result.packets.forEach((p) => jsonWriter.packet(p));
      jsonWriter.end(result.masked, result.summary);
      expect(json).toBe(`${JSON.stringify(result, null, 2)}\n`);
    }
  });
});

/** The SYN and SYN-ACK of one connection, as a second run of the same VPP would print them:
 *  another client port (decimal, and hex in dumps and ACL pkt info), IP ID, initial sequence
 *  numbers and buffer. Checksums are left stale: they follow from those values. */
const HANDSHAKE = `${sampleText(SAME_NODE_SYN)}\n${sampleText("pod-to-pod-same-node-response.txt")}`;
function recapture(text: string, port = 41000): string {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
  return text
    .replaceAll("39820", String(port))
    .replaceAll("9b8c", hex(port, 4))
    .replaceAll("341e", "7a7a")
    .replaceAll("8c66e434", "10000000")
    .replaceAll("8c66e435", "10000001")
    .replaceAll("0db7e410", "20000000");
}

describe("vpptrace diff of two captures of one scenario", () => {
  it("finds a re-capture equivalent: the client port, IP ID and sequence numbers matched consistently, hex dumps included", () => {
    const result = diff(HANDSHAKE, recapture(HANDSHAKE));
    expect(result.summary).toEqual({ pairs: 2, identical: 0, equivalent: 2, different: 0, onlyA: 0, onlyB: 0 });
    expect(result.packets.map((p) => p.status)).toEqual(["equivalent", "equivalent"]);
  });

  it("still names a service port that changed", () => {
    const b = recapture(HANDSHAKE).replaceAll("8080", "8081").replaceAll("1f90", "1f91");
    expect(differences(HANDSHAKE, b)).toContain("ip4-input: l4.dstPort 8080 → 8081");
  });

  it("still names a pod answering from another address", () => {
    const response = sampleText("pod-to-pod-same-node-response.txt");
    const b = recapture(`${sampleText(SAME_NODE_SYN)}\n${response.replaceAll("10.1.1.9 -> 10.1.1.12", "10.1.1.7 -> 10.1.1.12").replaceAll("0a010109", "0a010107")}`);
    expect(differences(HANDSHAKE, b).join("\n")).toMatch(/ip4\.src 10\.1\.1\.9 → 10\.1\.1\.7/);
  });

  it("holds one mapping per connection: a client port that stands for another in the next packet is a difference", () => {
    const b = `${recapture(sampleText(SAME_NODE_SYN), 41000)}\n${recapture(sampleText("pod-to-pod-same-node-response.txt"), 42000)}`;
    const result = diff(HANDSHAKE, b);
    expect(result.packets[0].status).toBe("equivalent");
    expect(result.packets[1].status).toBe("different");
    expect(result.packets[1].firstDivergence).toContain("39820 → 42000");
  });

  it("compares everything literally with --strict", () => {
    expect(diff(HANDSHAKE, recapture(HANDSHAKE), { strict: true }).summary.different).toBe(2);
  });

  it("never finds a packet with an unreadable line identical, even to itself", () => {
    const garbled = sampleText(SAME_NODE_SYN).replace("action: 1, match: acl 0 rule 0", "action: @@, match: acl 0 rule 0");
    const result = diff(garbled, garbled);
    expect(result.packets[0].status).toBe("different");
    expect(result.packets[0].firstDivergence).toMatch(/has a line that could not be read/);
  });
});
