/**
 * Traffic between pods and the host network stack of their node, through tap0 (VPP side
 * 172.30.N.1) and vpp1 (host side 172.30.N.2). tap0 is a NAT "inside" interface: both
 * directions entering from it cross nat44-in2out. Host to service is, as VPP sees it, host
 * to pod: kube-proxy in the host has already chosen the endpoint.
 */
import type { ExpectedNodePath } from "../model/expectation.js";
import { noNat, serviceDnat, serviceUnNat, type Connection } from "./connection.js";
import { fromPodTap, fromTap0, natHops, routing, toPodTap, toTap0 } from "./hops.js";

/** pod-to-host and pod-to-service-host. */
export function podToHostPaths(c: Connection): ExpectedNodePath[] {
  const { cluster, client } = c;
  const hops =
    c.direction === "request"
      ? [...fromPodTap(client, 64, natHops("out2in", serviceDnat(c, "client-out2in"), "client pod TAP"), "client"), ...routing("client pod TAP"), ...toTap0(cluster, 63, 1)]
      : [...fromTap0(cluster, 64, natHops("in2out", serviceUnNat(c, "tap0-in2out"), "tap0")), ...routing("tap0"), ...toPodTap(client, 63, 3, "client")];
  return [{ k8sNode: client.node.name, role: "node", hops }];
}

/** host-to-pod and host-to-service. */
export function hostToPodPaths(c: Connection): ExpectedNodePath[] {
  const { cluster, server } = c;
  const hops =
    c.direction === "request"
      ? [...fromTap0(cluster, 64, natHops("in2out", noNat("tap0-in2out"), "tap0")), ...routing("tap0"), ...toPodTap(server, 63, 1, "server")]
      : [...fromPodTap(server, 64, natHops("in2out", noNat("server-in2out"), "server pod TAP"), "server"), ...routing("server pod TAP"), ...toTap0(cluster, 63, 3)];
  return [{ k8sNode: server.node.name, role: "node", hops }];
}
