import { describe, expect, it } from "vitest";
import { inPrefix6, normalizeIp6, parsePrefix6 } from "../../src/model/ip6.js";

describe("IPv6 addresses", () => {
  it("writes an address as VPP's format_ip6_address does: the first longest run of zero groups as ::", () => {
    expect(normalizeIp6("DB05:0:0:0:0:0:0:2")).toBe("db05::2");
    expect(normalizeIp6("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1");
    expect(normalizeIp6("1:0:2:3:4:5:6:7")).toBe("1:0:2:3:4:5:6:7");
    expect(normalizeIp6("::")).toBe("::");
    expect(normalizeIp6("::ffff:10.1.1.2")).toBe("::ffff:a01:102");
  });

  it("refuses text that is no IPv6 address", () => {
    for (const text of ["2001:db8::1::2", "00:50:56:9c:df:72", "12345::1", "10.1.1.2", "1:2:3:4:5:6:7:8:9"]) expect(normalizeIp6(text), text).toBeNull();
  });

  it("tells whether an address is inside a prefix, to the bit", () => {
    const prefix = parsePrefix6("fd00:1:2::/47")!;
    expect(inPrefix6("fd00:1:2::1", prefix)).toBe(true);
    expect(inPrefix6("fd00:1:3::1", prefix)).toBe(true);
    expect(inPrefix6("fd00:1:4::1", prefix)).toBe(false);
    expect(parsePrefix6("fd00::/129")).toBeNull();
  });
});
