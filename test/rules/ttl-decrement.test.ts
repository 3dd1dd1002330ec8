import { describe, expect, it } from "vitest";
import { sampleFiles, sampleText } from "../helpers.js";
import { brief, findings, inject } from "./fault.js";

describe("ttl-decrement", () => {
  it.each(sampleFiles())("finds nothing wrong in %s", (name) => {
    expect(findings(sampleText(name), ["ttl-decrement"])).toEqual([]);
  });

  it("reports a TTL that ip4-rewrite did not decrement, at the rewrite", () => {
    const text = inject(
      "pod-to-pod-same-node-request.txt",
      ["3c341e40003f06f1870a01010c", "3c341e40004006f0870a01010c"],
      ["tos 0x00, ttl 63, length 60, checksum 0xf187", "tos 0x00, ttl 64, length 60, checksum 0xf087"],
    );
    expect(findings(text).map(brief)).toEqual(["ttl-decrement@31: ttl 63 / ttl 64"]);
  });

  it("reports a TTL that changed between two prints with no forwarding step in between", () => {
    const text = inject("pod-to-pod-same-node-request.txt", ["01:48:51:257008: ip4-lookup\n  fib 0 dpo-idx 12 flow hash: 0x00000000\n  TCP: 10.1.1.12 -> 10.1.1.9\n    tos 0x00, ttl 64, length 60, checksum 0xf087", "01:48:51:257008: ip4-lookup\n  fib 0 dpo-idx 12 flow hash: 0x00000000\n  TCP: 10.1.1.12 -> 10.1.1.9\n    tos 0x00, ttl 65, length 60, checksum 0xef87"]);
    expect(findings(text, ["ttl-decrement"]).map(brief)).toEqual(["ttl-decrement@22: ttl 64 / ttl 65", "ttl-decrement@31: ttl 64 / ttl 63"]);
  });

  it("follows the VXLAN outer header apart from the inner packet (254 → 253)", () => {
    const text = inject("pod-to-pod-other-node-request-client-node.txt", ["0000fd111c2bc0a81001", "0000fe111b2bc0a81001"], ["tos 0x00, ttl 253, length 110, checksum 0x1c2b\n    fragment id 0x0000\n  UDP: 50038 -> 4789\n    length 90, checksum 0x0000\n04:26:22:973932: GigabitEthernet0/8/0-tx", "tos 0x00, ttl 254, length 110, checksum 0x1b2b\n    fragment id 0x0000\n  UDP: 50038 -> 4789\n    length 90, checksum 0x0000\n04:26:22:973932: GigabitEthernet0/8/0-tx"]);
    expect(findings(text, ["ttl-decrement"]).map(brief)).toEqual(["ttl-decrement@79: ttl 253 / ttl 254", "ttl-decrement@99: ttl 254 / ttl 253"]);
  });
});
