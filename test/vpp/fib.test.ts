import { describe, expect, it } from "vitest";
import { describeFibEntry, fibLookup } from "../../src/vpp/fib.js";
import type { VppInterface, VppNode } from "../../src/vpp/types.js";

const iface = (key: string, kind: VppInterface["kind"]): VppInterface => ({ key, name: key, namePattern: key, kind, description: key, addresses: [], acl: {}, why: "" });
const node: VppNode = {
  name: "n",
  interfaces: [iface("tap2", "tap"), iface("loop0", "loopback"), iface("gbe", "ethernet")],
  fib: [
    { prefix: "0.0.0.0/0", path: { kind: "via", interface: "gbe" }, why: "default" },
    { prefix: "10.1.1.0/24", path: { kind: "drop" }, why: "pod subnet" },
    { prefix: "10.1.1.3/32", path: { kind: "via", via: "10.1.1.3", interface: "tap2" }, why: "pod" },
    { prefix: "192.168.30.0/24", path: { kind: "attached", interface: "loop0" }, why: "vxlan net" },
    { prefix: "10.1.2.0/24", path: { kind: "via", via: "192.168.30.2", interface: "loop0", recursive: true }, why: "other pods" },
    { prefix: "192.168.16.1/32", path: { kind: "receive", interface: "gbe" }, why: "node IP" },
  ],
  neighbours: [],
  bridgeDomains: [],
  nat44: { staticMappings: [], identityMappings: [], pool: [], forwarding: true, why: "" },
};

describe("the FIB as ip4-lookup reads it", () => {
  it("takes the longest matching prefix", () => {
    expect(fibLookup(node, "10.1.1.3")).toMatchObject({ kind: "forward", nextHop: "10.1.1.3", interface: { key: "tap2" } });
    expect(fibLookup(node, "10.1.1.1")).toMatchObject({ kind: "drop", entry: { why: "pod subnet" } });
    expect(fibLookup(node, "192.168.16.1")).toMatchObject({ kind: "receive", interface: { key: "gbe" } });
    expect(fibLookup(node, "8.8.8.8")).toMatchObject({ kind: "forward", nextHop: undefined, interface: { key: "gbe" } });
  });

  it("resolves a recursive route's next hop through the FIB", () => {
    expect(fibLookup(node, "10.1.2.13")).toMatchObject({ kind: "forward", nextHop: "192.168.30.2", interface: { key: "loop0" }, recursive: true });
    expect(describeFibEntry(fibLookup(node, "10.1.2.13").entry!, node)).toBe("fib 10.1.2.0/24 via 192.168.30.2 loop0 (other pods)");
  });

  it("drops what nothing routes, as VPP's default route does", () => {
    expect(fibLookup({ ...node, fib: [] }, "10.1.1.3")).toEqual({ kind: "drop" });
  });
});
