import { describe, expect, it } from "vitest";
import { crossNodeKey, endKey, keptKey, pairKey } from "../../src/match/keys.js";

const end = (ip: string, port: number) => ({ ip, port });
const packet = { request: true, src: "10.1.1.3", srcPort: 41234, dst: "10.1.2.4", dstPort: 8080, fragmentId: 35162, seq: 4294967295 };

describe("the bounded tables' keys", () => {
  it("pack an IPv4 connection direction into one character per byte", () => {
    const key = pairKey(6, end("10.1.1.3", 41234), end("10.1.2.4", 8080));
    expect(key).toHaveLength(13);
    expect([...key].map((c) => c.charCodeAt(0))).toEqual([6, 10, 1, 1, 3, 41234 >> 8, 41234 & 0xff, 10, 1, 2, 4, 8080 >> 8, 8080 & 0xff]);
    expect(endKey(17, end("192.168.16.1", 0))).toHaveLength(7);
    expect(crossNodeKey(packet)).toHaveLength(19);
  });

  it("tell apart what the text told apart", () => {
    const keys = [
      pairKey(6, end("10.1.1.3", 80), end("10.1.2.4", 8080)),
      pairKey(17, end("10.1.1.3", 80), end("10.1.2.4", 8080)),
      pairKey(6, end("10.1.2.4", 8080), end("10.1.1.3", 80)),
      pairKey(6, end("10.1.1.3", 81), end("10.1.2.4", 8080)),
      pairKey(6, end("10.1.1.30", 80), end("10.1.2.4", 8080)),
      // Not as VPP writes an address: kept as text, never taken for 10.1.1.3.
      pairKey(6, end("10.1.1.03", 80), end("10.1.2.4", 8080)),
      pairKey(6, end("fd00::1", 80), end("10.1.2.4", 8080)),
      pairKey(6, end("10.1.1.3", 70000), end("10.1.2.4", 8080)),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[5]).toBe("6|10.1.1.03:80>10.1.2.4:8080");
    expect(keys[6]).toBe("6|fd00::1:80>10.1.2.4:8080");
    const ids = [packet, { ...packet, request: false }, { ...packet, seq: undefined }, { ...packet, fragmentId: undefined }, { ...packet, seq: 0 }, { ...packet, srcPort: undefined }];
    expect(new Set(ids.map(crossNodeKey)).size).toBe(ids.length);
    expect(crossNodeKey({ ...packet, srcPort: undefined })).toBe("q10.1.1.3:undefined>10.1.2.4:8080#35162#4294967295");
  });

  it("are the same for the same connection however its text was built", () => {
    const text = "x 10.1.1.3 y";
    const sliced = end(text.slice(2, 10), 80);
    expect(pairKey(6, sliced, end("10.1.2.4", 8080))).toBe(pairKey(6, end("10.1.1.3", 80), end("10.1.2.4", 8080)));
  });

  it("are kept as they are when packed, and copied when text", () => {
    const packed = pairKey(6, end("10.1.1.3", 80), end("10.1.2.4", 8080));
    expect(keptKey(packed)).toBe(packed);
    expect(keptKey("6|fd00::1:80>10.1.2.4:8080")).toBe("6|fd00::1:80>10.1.2.4:8080");
  });
});
