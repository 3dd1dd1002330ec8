import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileFilter, FilterError } from "../../src/filter/index.js";
import { parseTrace } from "../../src/trace/index.js";
import { root } from "../helpers.js";

const file = "test/fixtures/ip6-icmp-echo-and-nd.txt";
const packets = parseTrace(readFileSync(join(root, file), "utf8"), { file }).packets;
const selected = (expression: string): number[] => packets.filter((p) => compileFilter(expression).matches(p)).map((p) => p.index);

describe("filters on IPv6 packets", () => {
  it("selects an IPv6 packet by its address, however the address is spelled", () => {
    expect(selected("host fd00:1:2::3")).toEqual([1]);
    expect(selected("dst host FD00:1:2:0:0:0:0:3")).toEqual([1]);
    expect(selected("src host fd00:1:2::3")).toEqual([]);
    expect(selected("host ff02::1:ff00:1")).toEqual([2]);
  });

  it("selects IPv6 packets by network, and keeps IPv4 networks to IPv4 addresses", () => {
    expect(selected("net fd00:1::/32")).toEqual([1]);
    expect(selected("net fe80::/10")).toEqual([2]);
    expect(selected("net 0.0.0.0/0")).toEqual([]);
  });

  it("says what it expected of a value that is no address", () => {
    expect(() => compileFilter("host fd00::1::2")).toThrow(FilterError);
    expect(() => compileFilter("host fd00::1::2")).toThrow("'fd00::1::2' is not an IP address: expected e.g. 10.1.1.3 or 2001:db8::1");
  });
});
