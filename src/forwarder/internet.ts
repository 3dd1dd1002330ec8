/**
 * Pod to the Internet. The guide leaves this section TODO; modelled from its text on
 * services and SNAT (NatExternalTraffic): the request leaves by the GbE, where the
 * post-routing nat44-in2out-output dynamically source-NATs it to the node IP; the
 * response enters by the GbE, where nat44-out2in restores the pod's address, and is routed
 * to the pod's TAP, passing the reflective session (action 3). The remote TTL is unknown,
 * so the response's TTL is only checked by the invariant rule.
 */
import type { ExpectedNodePath, NatExpectation } from "../model/expectation.js";
import type { Connection } from "./connection.js";
import { fromInternet, fromPodTap, natHops, routing, toInternet, toPodTap } from "./hops.js";

export function internetPaths(c: Connection): ExpectedNodePath[] {
  const { cluster, client } = c;
  const node = client.node;
  const snat: NatExpectation = cluster.natExternalTraffic
    ? { stage: "gbe-snat", session: "session", translate: { field: "src", from: client.ip, to: node.ip } }
    : { stage: "gbe-snat", session: "none" };
  const unSnat: NatExpectation = cluster.natExternalTraffic
    ? { stage: "gbe-out2in", session: "session", translate: { field: "dst", from: node.ip, to: client.ip } }
    : { stage: "gbe-out2in", session: "none" };
  const hops =
    c.direction === "request"
      ? [...fromPodTap(client, 64, natHops("out2in", { stage: "client-out2in", session: "none" }, "client pod TAP"), "client"), ...routing("client pod TAP"), ...toInternet(cluster, node, 63, snat)]
      : [...fromInternet(cluster, node, unSnat), ...routing("GbE"), ...toPodTap(client, undefined, 3, "client")];
  return [{ k8sNode: node.name, role: "node", hops }];
}
