import { describe, expect, it } from "vitest";
import { incrementalChecksum, ip4HeaderChecksum } from "../../src/trace/headers.js";
import { sampleFiles, sampleText } from "../helpers.js";
import { brief, findings, inject } from "./fault.js";

describe("ip4-checksum", () => {
  it.each(sampleFiles())("finds nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), ["ip4-checksum"])).toEqual([]);
  });

  it("recomputes the guide's SYN header checksum (0xf087) and its RFC 1624 update after TTL 64 → 63 (0xf187)", () => {
    const header = { tos: 0, length: 60, fragmentId: 0x341e, flagsOffset: 0x4000, ttl: 64, proto: 6, src: "10.1.1.12", dst: "10.1.1.9" };
    expect(ip4HeaderChecksum(header)).toBe(0xf087);
    expect(incrementalChecksum(0xf087, (64 << 8) | 6, (63 << 8) | 6)).toBe(0xf187);
  });

  it("reports a checksum that was not updated when the TTL was decremented", () => {
    const text = inject("pod-to-pod-same-node-request.txt", ["3f06f1870a01010c", "3f06f0870a01010c"], ["ttl 63, length 60, checksum 0xf187", "ttl 63, length 60, checksum 0xf087"]);
    expect(findings(text).map(brief)).toEqual(["ip4-checksum@31: checksum 0xf187 / checksum 0xf087", "ip4-checksum@39: checksum 0xf187 / checksum 0xf087"]);
  });

  it("reports a checksum VPP itself flagged with `(should be …)` as a warning", () => {
    const text = inject("pod-to-pod-same-node-request.txt", ["ttl 63, length 60, checksum 0xf187", "ttl 63, length 60, checksum 0xf087 (should be 0xf187)"]);
    const found = findings(text, ["ip4-checksum"]);
    expect(found.map((f) => [f.severity, f.line])).toEqual([["warning", 39]]);
  });
});
