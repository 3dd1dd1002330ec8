/** The walk of a state's feature arcs (VPP 21.x–26.x): each hop the node the arc lists,
 *  with the configuration item behind it; what the model does not walk is said. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderNode, StateDataPlane } from "../../src/dataplanes/vpp-state/index.js";
import { expectPaths, NotModelledError, parseFlow } from "../../src/forwarder/index.js";
import type { VppNode } from "../../src/vpp/types.js";
import { root } from "../helpers.js";

const load = (name: string, file: string): VppNode => renderNode(name, file, readFileSync(join(root, "test", "fixtures", "lab-26.06", file), "utf8")).node;
const one = () => new StateDataPlane([load("vpp1", "state.vpp1.txt")]);
const both = () => new StateDataPlane([load("vpp1", "state.vpp1.txt"), load("vpp2", "state.vpp2.txt")]);
const nodes = (plane: StateDataPlane, flow: string, direction: "request" | "response" = "request") => expectPaths(plane, parseFlow(flow), { direction }).paths.map((p) => [p.k8sNode, p.hops.map((h) => h.node)]);

describe("the walk of a 26.06 state", () => {
  it("walks a pod-to-pod packet through the interface's arcs: ACL, sv-reassembly, NAT44-ED classify and slow path", () => {
    expect(nodes(one(), "tcp 10.1.1.2:40000 -> 10.1.1.3:8080")).toEqual([
      ["vpp1", ["af-packet-input", "ethernet-input", "ip4-input", "acl-plugin-in-ip4-fa", "ip4-sv-reassembly-feature", "nat44-ed-classify", "nat44-ed-in2out", "nat44-ed-in2out-slowpath", "ip4-lookup", "ip4-rewrite", "acl-plugin-out-ip4-fa", "host-lv1b-output", "host-lv1b-tx"]],
    ]);
  });

  it("translates a service's first packet in out2in's slow path, with the mapping behind it", () => {
    const expected = expectPaths(one(), parseFlow("tcp 10.1.1.2:40000 -> 10.96.0.10:80"), { direction: "request" });
    const slow = expected.paths[0].hops.find((h) => h.node === "nat44-ed-out2in-slowpath")!;
    expect(slow.expect.nat).toEqual({ stage: "vpp1 host-lv1a input", session: "session", translate: { field: "dst", from: "10.96.0.10:80", to: "10.1.1.3:8080" } });
    expect(slow.why.join(" ")).toMatch(/static mappings: TCP 10\.1\.1\.3:8080 external 10\.96\.0\.10:80 out2in-only \(state\.vpp1\.txt:\d+\)/);
    expect(expected.scenario).toBe("pod-to-service");
  });

  it("answers a service's reply on the fast path of the session the request made", () => {
    const hops = nodes(one(), "tcp 10.1.1.2:40000 -> 10.96.0.10:80", "response")[0][1];
    expect(hops).toContain("nat44-ed-in2out");
    expect(hops).not.toContain("nat44-ed-in2out-slowpath");
  });

  it("source-NATs a pod's packet to the internet at the uplink's output feature, to the pool address on its subnet", () => {
    const hops = expectPaths(one(), parseFlow("tcp 10.1.1.2:40000 -> 203.0.113.10:8080"), { direction: "request" }).paths[0].hops;
    expect(hops.map((h) => h.node).slice(-8)).toEqual(["ip4-rewrite", "ip4-sv-reassembly-output-feature", "nat-pre-in2out-output", "nat44-ed-in2out-output", "nat44-ed-in2out-output-slowpath", "acl-plugin-out-ip4-fa", "host-lx1-output", "host-lx1-tx"]);
    expect(hops.find((h) => h.node === "nat44-ed-in2out-output-slowpath")?.expect.nat?.translate).toMatchObject({ field: "src", to: "192.168.41.1:40000" });
  });

  it("drops a packet the egress ACL denies, at error-drop and drop, naming the rule", () => {
    const expected = expectPaths(one(), parseFlow("tcp 10.1.1.2:40000 -> 10.1.1.3:9999"), { direction: "request" });
    const hops = expected.paths[0].hops;
    const acl = hops.find((h) => h.node === "acl-plugin-out-ip4-fa")!;
    expect(acl.expect).toMatchObject({ aclActions: [0], aclRule: { acl: 1, rule: 0 }, aclSwIfIndex: 3 });
    expect(hops.slice(-2).map((h) => h.node)).toEqual(["error-drop", "drop"]);
    expect(expected.outcome).toMatch(/is dropped on vpp1: acl-plugin-out-ip4-fa: ACL deny \(acl 1 rule 0 denies/);
  });

  it("crosses the VXLAN tunnel to the other node's state: encap, the outer packet routed, ip4-receive and the bridge domain", () => {
    const paths = nodes(both(), "tcp 10.1.1.2:40000 -> 10.1.2.3:8080");
    expect(paths.map(([n]) => n)).toEqual(["vpp1", "vpp2"]);
    expect(paths[0][1].slice(-8)).toEqual(["l2-fwd", "l2-output", "vxlan4-encap", "ip4-load-balance", "ip4-rewrite", "acl-plugin-out-ip4-fa", "host-lab-ul1-output", "host-lab-ul1-tx"]);
    expect(paths[1][1].slice(0, 12)).toEqual(["af-packet-input", "ethernet-input", "ip4-input", "acl-plugin-in-ip4-fa", "ip4-lookup", "ip4-receive", "ip4-udp-lookup", "vxlan4-input", "l2-input", "l2-learn", "l2-fwd", "ip4-input"]);
  });

  it("takes a packet from the other node's pod, with one node's state, as arriving through the tunnel", () => {
    const paths = nodes(one(), "tcp 10.1.2.3:8080 -> 10.1.1.2:40000");
    expect(paths[0][1].slice(0, 8)).toEqual(["af-packet-input", "ethernet-input", "ip4-input", "acl-plugin-in-ip4-fa", "ip4-lookup", "ip4-receive", "ip4-udp-lookup", "vxlan4-input"]);
  });

  it("leaves a packet unchecked at a feature node the model does not walk, naming it", () => {
    const node = load("vpp1", "state.vpp1.txt");
    node.interfaces.find((i) => i.name === "host-lv1a")!.features!["ip4-unicast"].unshift("ip4-dhcp-client-detect");
    expect(() => expectPaths(new StateDataPlane([node]), parseFlow("tcp 10.1.1.2:40000 -> 10.1.1.3:8080"), { direction: "request" })).toThrow(NotModelledError);
    expect(() => expectPaths(new StateDataPlane([node]), parseFlow("tcp 10.1.1.2:40000 -> 10.1.1.3:8080"), { direction: "request" })).toThrow(/ip4-dhcp-client-detect on the ip4-unicast arc of host-lv1a/);
  });

  it("gleans a destination on an attached subnet that no neighbour resolves", () => {
    const expected = expectPaths(one(), parseFlow("tcp 10.1.1.2:40000 -> 172.30.1.9:80"), { direction: "request" });
    expect(expected.paths[0].hops.slice(-3).map((h) => h.node)).toEqual(["ip4-glean", "error-drop", "drop"]);
    expect(expected.outcome).toMatch(/ARP glean: 172\.30\.1\.9 is on the link of host-lv1h/);
  });
});
