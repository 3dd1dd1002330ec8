/** A node's state dump rendered into the VPP model: every object as the dump shows it, and
 *  its `why` citing the command and the dump's file:line. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderNode } from "../../../src/dataplanes/vpp-state/index.js";
import { root } from "../../helpers.js";

const file = "state.vpp1.txt";
const state = renderNode("vpp1", file, readFileSync(join(root, "test", "fixtures", "lab-26.06", file), "utf8"));
const node = state.node;
const iface = (name: string) => node.interfaces.find((i) => i.name === name)!;

describe("the state of the lab's node 1", () => {
  it("is of VPP 26.06 and has no warnings", () => {
    expect(node.release).toBe("26.06");
    expect(state.diagnostics.filter((d) => d.severity === "warning")).toEqual([]);
  });

  it("has each interface with its kind, sw_if_index, addresses and bridge domain", () => {
    expect(iface("host-lv1a")).toMatchObject({ kind: "af-packet", swIfIndex: 2, addresses: ["10.2.1.2/32"], description: "link to 10.1.1.2" });
    expect(iface("loop0")).toMatchObject({ kind: "loopback", swIfIndex: 5, addresses: ["192.168.30.1/24"], bridgeDomain: { id: 1, bvi: true } });
    expect(iface("vxlan_tunnel0")).toMatchObject({ kind: "vxlan-tunnel", swIfIndex: 6, vxlan: { src: "192.168.16.1", dst: "192.168.16.2", vni: 10, port: 4789, instance: 0 }, bridgeDomain: { id: 1, bvi: false } });
    expect(iface("local0").kind).toBe("local");
  });

  it("lists each interface's feature arcs in VPP's order", () => {
    expect(iface("host-lv1a").features?.["ip4-unicast"]).toEqual(["acl-plugin-in-ip4-fa", "ip4-sv-reassembly-feature", "nat44-ed-classify"]);
    expect(iface("host-lx1").features?.["ip4-output"]).toEqual(["ip4-sv-reassembly-output-feature", "nat-pre-in2out-output", "acl-plugin-out-ip4-fa"]);
    expect(iface("vxlan_tunnel0").features?.["l2-input"]).toEqual(["l2-learn", "l2-fwd", "l2-flood", "l2-flood"]);
  });

  it("has the FIB's next hops, receives, gleans and drops, each citing its line", () => {
    const entry = (prefix: string) => node.fib.find((e) => e.prefix === prefix)!;
    expect(entry("10.1.2.0/24")).toMatchObject({ path: { kind: "via", via: "192.168.30.2", interface: "loop0" }, why: expect.stringMatching(/^show ip fib: 10\.1\.2\.0\/24 ipv4 via 192\.168\.30\.2 loop0 \(state\.vpp1\.txt:\d+\)$/) });
    expect(entry("10.96.0.10/32").path).toEqual({ kind: "receive", interface: "host-lx1" });
    expect(entry("172.30.1.0/24").path).toEqual({ kind: "attached", interface: "host-lv1h" });
    expect(entry("224.0.0.0/4").path).toEqual({ kind: "drop" });
  });

  it("has the neighbours, the bridge domain with its BVI and L2 FIB", () => {
    expect(node.neighbours).toContainEqual(expect.objectContaining({ ip: "192.168.30.2", mac: "1a:2b:3c:4d:5e:02", interface: "loop0" }));
    expect(node.bridgeDomains).toEqual([expect.objectContaining({ id: 1, bvi: "loop0", members: ["loop0", "vxlan_tunnel0"], learning: true, l2fib: [expect.objectContaining({ mac: "1a:2b:3c:4d:5e:02", interface: "vxlan_tunnel0" }), expect.objectContaining({ mac: "1a:2b:3c:4d:5e:01", interface: "loop0" })] })]);
  });

  it("has NAT44-ED's roles, out2in-only static mappings and pool", () => {
    expect(node.nat44).toMatchObject({ flavour: "ed", pool: ["192.168.41.1"], forwardingUnknown: true, identityMappings: [] });
    expect(node.nat44.staticMappings[0]).toMatchObject({ proto: "TCP", external: { ip: "10.96.0.10", port: 80 }, locals: [{ ip: "10.1.1.3", port: 8080 }], out2inOnly: true });
    expect(iface("host-lx1").nat44).toMatchObject({ inside: true, outside: true, outputFeature: true });
    expect(iface("host-lv1a").nat44).toMatchObject({ inside: true, outside: true, outputFeature: false });
  });

  it("has each interface's ACLs with their rules in evaluation order", () => {
    const acl = iface("host-lv1b").acl;
    expect(acl.input).toMatchObject({ name: "acl 0 {lab-reflective}", reflective: true, rules: [{ acl: 0, index: 0, action: 2 }] });
    expect(acl.output?.rules?.map((r) => [r.acl, r.index, r.action, r.proto, r.dport])).toEqual([
      [1, 0, 0, 6, [9999, 9999]],
      [1, 1, 1, 0, [0, 65535]],
    ]);
    expect(iface("vxlan_tunnel0").acl).toEqual({});
  });

  it("renders the underlay-NAT variant's address-only identity mapping", () => {
    const other = renderNode("vpp1", "s.txt", readFileSync(join(root, "test", "fixtures", "lab-26.06", "state-underlay-nat.vpp1.txt"), "utf8")).node;
    expect(other.nat44.identityMappings).toEqual([expect.objectContaining({ address: "192.168.16.1" })]);
    expect(other.nat44.identityMappings[0].port).toBeUndefined();
    expect(other.nat44.pool).toEqual(["192.168.16.1", "192.168.41.1"]);
  });
});
