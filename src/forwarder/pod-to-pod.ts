/**
 * Pod to pod (and pod to a service whose endpoint is a pod), on the same node or another.
 * Same node: client TAP → reflective ACL → nat44-out2in (-1, or the service's DNAT) →
 * route → server pod's egress ACL → server TAP. Another node: via loop0, bridge domain 1
 * and VXLAN to the other node's GbE, where the inner packet is routed from loop0.
 * Responses come back through nat44-in2out (the service's un-NAT on the client's node) and
 * hit the reflective session (action 3) on the egress ACL.
 */
import type { ExpectedNodePath } from "../model/expectation.js";
import { noNat, serviceDnat, serviceUnNat, type Connection } from "./connection.js";
import { fromPodTap, fromVxlan, natHops, routing, toPodTap, toVxlan } from "./hops.js";

export function sameNodePaths(c: Connection): ExpectedNodePath[] {
  const { client, server } = c;
  const hops =
    c.direction === "request"
      ? [...fromPodTap(client, 64, natHops("out2in", serviceDnat(c, "client-out2in"), "client pod TAP"), "client"), ...routing("client pod TAP"), ...toPodTap(server, 63, 1, "server")]
      : [...fromPodTap(server, 64, natHops("in2out", serviceUnNat(c, "server-in2out"), "server pod TAP"), "server"), ...routing("server pod TAP"), ...toPodTap(client, 63, 3, "client")];
  return [{ k8sNode: client.node.name, role: "node", hops }];
}

export function otherNodePaths(c: Connection): ExpectedNodePath[] {
  const { cluster, client, server } = c;
  if (c.direction === "request") {
    return [
      { k8sNode: client.node.name, role: "client-node", hops: [...fromPodTap(client, 64, natHops("out2in", serviceDnat(c, "client-out2in"), "client pod TAP"), "client"), ...routing("client pod TAP"), ...toVxlan(cluster, client.node, 63, 1)] },
      { k8sNode: server.node.name, role: "server-node", hops: [...fromVxlan(cluster, server.node, 63, noNat("loop0-in2out")), ...routing("loop0"), ...toPodTap(server, 62, 1, "server")] },
    ];
  }
  return [
    { k8sNode: server.node.name, role: "server-node", hops: [...fromPodTap(server, 64, natHops("in2out", noNat("server-in2out"), "server pod TAP"), "server"), ...routing("server pod TAP"), ...toVxlan(cluster, server.node, 63, 3)] },
    { k8sNode: client.node.name, role: "client-node", hops: [...fromVxlan(cluster, client.node, 63, serviceUnNat(c, "loop0-in2out")), ...routing("loop0"), ...toPodTap(client, 62, 3, "client")] },
  ];
}
