import { describe, expect, it } from "vitest";
import { classifyDirection, in2out, in2outOutput, NatSessions, out2in, UnknownChoiceError } from "../../src/vpp/nat44.js";
import type { Nat44Config } from "../../src/vpp/types.js";

const config = (over: Partial<Nat44Config> = {}): Nat44Config => ({
  staticMappings: [{ proto: "TCP", external: { ip: "10.96.0.10", port: 80 }, locals: [{ ip: "10.1.1.5", port: 8080 }], out2inOnly: true, group: "web", why: "service web" }],
  identityMappings: [{ address: "192.168.16.1", proto: "UDP", port: 4789, why: "VXLAN" }],
  pool: ["192.168.16.1"],
  forwarding: true,
  why: "test",
  ...over,
});
const none = { local: () => undefined, snatPort: () => undefined };

describe("NAT44 as its nodes decide", () => {
  it("out2in translates a mapping's external address to its local and remembers the session; in2out translates the reply back", () => {
    const sessions = new NatSessions();
    const request = out2in(config(), sessions, "n", { proto: 6, src: "10.1.1.3", srcPort: 40000, dst: "10.96.0.10", dstPort: 80 }, none);
    expect(request).toMatchObject({ kind: "session", identity: false, translation: { field: "dst", from: { ip: "10.96.0.10", port: 80 }, to: { ip: "10.1.1.5", port: 8080 } } });
    const reply = in2out(config(), sessions, "n", { proto: 6, src: "10.1.1.5", srcPort: 8080, dst: "10.1.1.3", dstPort: 40000 });
    expect(reply).toMatchObject({ kind: "session", translation: { field: "src", to: { ip: "10.96.0.10", port: 80 } } });
    // an out2in-only mapping does not source-NAT its local's own connections
    expect(in2out(config(), new NatSessions(), "n", { proto: 6, src: "10.1.1.5", srcPort: 8080, dst: "10.1.1.9", dstPort: 1 }).kind).toBe("none");
  });

  it("passes a packet nothing matches when NAT forwarding is on, drops it when off", () => {
    const p = { proto: 6, src: "10.1.1.3", srcPort: 1, dst: "10.1.1.9", dstPort: 8080 };
    expect(out2in(config(), new NatSessions(), "n", p, none).kind).toBe("none");
    expect(out2in(config({ forwarding: false }), new NatSessions(), "n", p, none).kind).toBe("drop");
  });

  it("asks which local served the connection when a mapping has several", () => {
    const two = config({ staticMappings: [{ proto: "TCP", external: { ip: "10.96.0.10", port: 80 }, locals: [{ ip: "10.1.1.5", port: 8080 }, { ip: "10.1.2.4", port: 8080 }], out2inOnly: true, group: "web", why: "web" }] });
    const p = { proto: 6, src: "10.1.1.3", srcPort: 1, dst: "10.96.0.10", dstPort: 80 };
    expect(() => out2in(two, new NatSessions(), "n", p, none)).toThrow(UnknownChoiceError);
    const chosen = out2in(two, new NatSessions(), "n", p, { local: (m) => m.locals[1], snatPort: () => undefined });
    expect(chosen).toMatchObject({ translation: { to: { ip: "10.1.2.4" }, allowed: [{ ip: "10.1.1.5" }, { ip: "10.1.2.4" }] } });
  });

  it("nat44-in2out-output: identity mappings keep the packet, dynamic source NAT uses the pool, translated traffic is left alone", () => {
    const vxlan = { proto: 17, src: "192.168.16.1", srcPort: 50000, dst: "192.168.16.2", dstPort: 4789 };
    // a mapping of port 4789 matches the source port only: VXLAN's, a flow hash, is not it
    // (and the node IP, the pool's address, is not translated again: session -1)
    expect(in2outOutput(config(), new NatSessions(), "n", vxlan, none).kind).toBe("none");
    const addressOnly = config({ identityMappings: [{ address: "192.168.16.1", why: "VXLAN" }] });
    expect(in2outOutput(addressOnly, new NatSessions(), "n", vxlan, none)).toMatchObject({ kind: "session", identity: true, why: "identity mapping of 192.168.16.1 (address only: any protocol and port) (VXLAN)" });
    expect(out2in(addressOnly, new NatSessions(), "n", { ...vxlan, src: "192.168.16.2", dst: "192.168.16.1" }, none)).toMatchObject({ kind: "session", identity: true });
    // a port-specific mapping matches the local side's port
    expect(out2in(config(), new NatSessions(), "n", { proto: 17, src: "192.168.16.2", srcPort: 50000, dst: "192.168.16.1", dstPort: 4789 }, none)).toMatchObject({ kind: "session", identity: true, why: "identity mapping 192.168.16.1:4789 UDP (VXLAN)" });
    const out = in2outOutput(config(), new NatSessions(), "n", { proto: 6, src: "10.1.1.3", srcPort: 40000, dst: "93.184.216.34", dstPort: 443 }, { local: () => undefined, snatPort: () => 61000 });
    expect(out).toMatchObject({ kind: "session", translation: { field: "src", to: { ip: "192.168.16.1", port: 61000 } } });
    expect(in2outOutput(config(), new NatSessions(), "n", { proto: 6, src: "10.96.0.10", srcPort: 80, dst: "93.184.216.34", dstPort: 1 }, none).kind).toBe("none");
    expect(in2outOutput(config({ pool: [] }), new NatSessions(), "n", { proto: 6, src: "10.1.1.3", srcPort: 1, dst: "8.8.8.8", dstPort: 53 }, none).kind).toBe("none");
  });

  it("an address-only identity mapping yields to a mapping with the port (a NodePort on the node IP)", () => {
    const nodePort = config({
      identityMappings: [{ address: "192.168.16.1", why: "VXLAN" }],
      staticMappings: [{ proto: "TCP", external: { ip: "192.168.16.1", port: 30080 }, locals: [{ ip: "10.1.1.5", port: 8080 }], out2inOnly: true, group: "np", why: "NodePort" }],
    });
    expect(out2in(nodePort, new NatSessions(), "n", { proto: 6, src: "8.8.8.8", srcPort: 1, dst: "192.168.16.1", dstPort: 30080 }, none)).toMatchObject({ identity: false, translation: { to: { ip: "10.1.1.5" } } });
    expect(out2in(nodePort, new NatSessions(), "n", { proto: 6, src: "8.8.8.8", srcPort: 1, dst: "192.168.16.1", dstPort: 22 }, none)).toMatchObject({ identity: true });
  });

  it("nat44-classify sends packets to a pool address or a mapping's external address, port and protocol to out2in, the rest to in2out", () => {
    expect(classifyDirection(config(), { proto: 6, src: "x", dst: "10.96.0.10", dstPort: 80 })).toBe("out2in");
    expect(classifyDirection(config(), { proto: 6, src: "x", dst: "10.96.0.10", dstPort: 81 })).toBe("in2out");
    expect(classifyDirection(config(), { proto: 17, src: "x", dst: "10.96.0.10", dstPort: 80 })).toBe("in2out");
    expect(classifyDirection(config(), { proto: 6, src: "x", dst: "192.168.16.1", dstPort: 1 })).toBe("out2in");
    expect(classifyDirection(config(), { proto: 6, src: "x", dst: "10.1.1.9", dstPort: 8080 })).toBe("in2out");
  });
});
