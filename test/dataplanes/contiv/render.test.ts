import { describe, expect, it } from "vitest";
import { ContivDataPlane, defaultCluster, loadCluster } from "../../../src/dataplanes/contiv/index.js";
import { describeFibEntry } from "../../../src/vpp/fib.js";
import { sampleText } from "../../helpers.js";

const plane = new ContivDataPlane(loadCluster(sampleText("cluster.yaml"), "cluster.yaml"));
const [master, worker] = plane.network([]).nodes;

describe("Contiv/VPP rendered into VPP configuration", () => {
  it("gives each node the GbE, tap0, loop0, a TAP per pod and a VXLAN tunnel per other node", () => {
    expect(master.interfaces.map((i) => `${i.key} ${i.kind} ${i.name ?? i.namePattern}`)).toEqual([
      "gbe ethernet GigabitEthernet0/8/0",
      "tap0 tap tap0",
      "loop0 loopback loop0",
      "tap@10.1.1.12 tap tap11",
      "tap@10.1.1.9 tap tap8",
      "tap@10.1.1.3 tap tap2",
      "tap@10.1.1.5 tap tap4",
      "tap@10.1.1.6 tap tap5",
      "vxlan@192.168.16.2 vxlan-tunnel vxlan_tunnel\\d+",
    ]);
    expect(worker.interfaces.find((i) => i.kind === "vxlan-tunnel")?.vxlan).toEqual({ src: "192.168.16.2", dst: "192.168.16.1", vni: 10, port: 4789 });
  });

  it("routes pods by /32, the other node's pods, host subnet and management IPs via its loop0, and drops the rest of the pod subnet", () => {
    const fib = master.fib.map((e) => describeFibEntry(e, master));
    expect(fib).toContain("fib 10.1.1.12/32 via 10.1.1.12 tap11 (the route to pod 10.1.1.12 (vppRouteFromRequest))");
    expect(fib).toContain("fib 10.1.2.0/24 via 192.168.30.2 loop0 (the pods of k8s-worker1, via its loop0 (routeToOtherHostPods))");
    expect(fib).toContain("fib 172.30.2.0/24 via 192.168.30.2 loop0 (the host interconnect of k8s-worker1, via its loop0)");
    expect(fib).toContain("fib 10.20.0.2/32 via 172.30.1.2 tap0 (a host IP of k8s-master (routesToHost))");
    expect(fib).toContain("fib 10.1.1.0/24 drop (no pod of k8s-master holds the address (the virtual pod gateway 10.1.1.1 is assigned to no interface))");
    expect(worker.fib.map((e) => describeFibEntry(e, worker))).toContain("fib 10.20.0.2/32 via 192.168.30.1 loop0 (the management IP of k8s-master, via its loop0)");
  });

  it("marks NAT roles as Contiv's service plugin does: every interface a frontend, backends inside", () => {
    const role = (key: string) => {
      const r = master.interfaces.find((i) => i.key === key)!.nat44!;
      return `${r.inside} ${r.outside} ${r.outputFeature}`;
    };
    expect(role("gbe")).toBe("false true true");
    expect(role("tap0")).toBe("true true false");
    expect(role("loop0")).toBe("true true false");
    expect(role("tap@10.1.1.5")).toBe("true true false"); // nginx-1 backs a service
    expect(role("tap@10.1.1.3")).toBe("false true false"); // the file says it backs none
    expect(master.nat44.staticMappings.map((m) => `${m.external.ip}:${m.external.port} → ${m.locals.map((l) => `${l.ip}:${l.port}`).join(" ")}`)).toEqual([
      "10.104.221.85:80 → 10.1.1.5:8080 10.20.0.2:8080",
      "10.97.193.160:80 → 10.1.2.4:8080",
    ]);
    expect(master.nat44.identityMappings).toEqual([{ address: "192.168.16.1", why: expect.stringContaining("VXLAN") }]);
  });

  it("maps a NodePort on every node's IP and management IPs", () => {
    const nodePort = new ContivDataPlane(loadCluster(sampleText("cluster.yaml").replace("services:\n", "services:\n  - { name: web, vip: 10.96.0.50, port: 80, endpoints: ['10.1.2.4:8080'], nodePort: 30080 }\n"), "c.yaml"));
    const externals = nodePort.network([]).nodes[0].nat44.staticMappings.filter((m) => m.group === "service 10.96.0.50:80").map((m) => `${m.external.ip}:${m.external.port}`);
    expect(externals).toEqual(["10.96.0.50:80", "192.168.16.1:30080", "10.20.0.2:30080", "192.168.16.2:30080"]);
  });

  it("without a description, renders the nodes and pods the traffic's addresses name, their unknowns left open", () => {
    const network = new ContivDataPlane(defaultCluster()).network(["10.1.1.3", "10.1.3.7"]);
    expect(network.nodes.map((n) => n.name)).toEqual(["node-1", "node-3"]);
    const pod = network.nodes[1].interfaces.find((i) => i.key === "tap@10.1.3.7")!;
    expect(pod).toMatchObject({ namePattern: "tap\\d+", nat44: { inside: "unknown" }, acl: { input: { attached: "unknown" } } });
  });

  it("names connections as the packet-flow guide does, and others in the same form", () => {
    expect(plane.label({ client: "10.1.1.3", server: "10.1.2.4", viaService: true })).toBe("pod-to-service-other-node");
    expect(plane.label({ client: "172.30.1.2", server: "10.1.2.13", viaService: false })).toBe("host-to-pod-other-node");
    expect(plane.label({ client: "10.1.1.3", server: "10.1.1.1", viaService: false })).toBe("pod-to-gateway");
    expect(plane.label({ client: "10.1.1.3", server: "8.8.8.8", viaService: false })).toBe("pod-to-internet");
    expect(plane.unplaced("10.1.9.3")).toBe("10.1.9.3 belongs to node id 9 of Contiv's address plan, which the cluster file does not describe");
    expect(new ContivDataPlane(defaultCluster()).unplaced("10.20.0.2")).toContain("outside Contiv's address plan");
  });
});
