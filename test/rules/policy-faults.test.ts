/**
 * Network policies in the cluster file, rendered into the pods' ACLs: a SYN a policy denies
 * is expected to meet action 0 and be dropped, and conforms when it is; the same SYN let
 * through is the violation (acl-action).
 */
import { describe, expect, it } from "vitest";
import { ContivDataPlane, loadCluster } from "../../src/dataplanes/contiv/index.js";
import type { Cluster } from "../../src/dataplanes/contiv/cluster.js";
import { checkPackets } from "../../src/rules/index.js";
import { parseTrace } from "../../src/trace/index.js";
import { sampleText } from "../helpers.js";
import { withTcpFlags } from "../support/faults.js";

const withPolicies = (policies: string): Cluster => loadCluster(`${sampleText("cluster.yaml")}\npolicies:\n${policies}`, "policies.yaml");

/** The server 10.1.1.9 denies the client 10.1.1.12 on port 8080, allows the rest. */
const denyClient = withPolicies("  - { name: no-client, pods: [server], ingress: [{ peers: [10.1.1.12/32], protocol: TCP, port: 8080, action: deny }, { action: allow }] }\n");
/** The server selected by a policy that allows only another pod: the rest is denied by default. */
const onlyNginx = withPolicies("  - { name: only-nginx, pods: [10.1.1.9], ingress: [{ peers: [10.1.1.5] }] }\n");
/** The client may talk only to port 80: its SYN to 8080 is denied by default, on its egress. */
const clientEgress = withPolicies("  - { name: client-out, pods: [client], egress: [{ protocol: TCP, port: 80 }] }\n");

const syn = sampleText("pod-to-pod-same-node-request.txt");
/** The same SYN as VPP shows it denied: the server TAP's output ACL says action 0, then the drop. */
const deniedSyn = syn
  .replace("action: 1, match: acl 0 rule 0 trace_bits 00000000", "action: 0, match: acl 0 rule 0 trace_bits 00000000")
  .replace(/01:48:51:257016: tap8-output[\s\S]*$/, "01:48:51:257016: error-drop\n  rx:tap11\n01:48:51:257017: drop\n  acl-plugin-out-ip4-fa: ACL deny packets\n");

function check(text: string, cluster: Cluster) {
  return checkPackets(parseTrace(text, { file: "t.txt" }).packets, { plane: new ContivDataPlane(cluster) });
}
const summary = (text: string, cluster: Cluster) => {
  const r = check(text, cluster);
  return { verdicts: r.packets.map((p) => p.verdict), findings: r.findings.map((f) => `${f.rule}@${f.line}: ${f.expected} / ${f.actual}`) };
};

describe("a cluster file's network policies", () => {
  it.each([
    ["a rule that denies the client", denyClient],
    ["a policy that selects the server and allows only another pod (deny by default)", onlyNginx],
    ["the client's egress policy that allows only port 80", clientEgress],
  ])("the denied SYN, dropped by the ACL, conforms: %s", (_, cluster) => {
    expect(summary(deniedSyn, cluster)).toEqual({ verdicts: ["conforms"], findings: [] });
  });

  it.each([
    ["a rule that denies the client", denyClient],
    ["a policy that allows only another pod", onlyNginx],
    ["the client's egress policy", clientEgress],
  ])("the same SYN let through violates with acl-action: %s", (_, cluster) => {
    // and, as a consequence, the packet goes on where it should have been dropped
    expect(summary(syn, cluster)).toEqual({ verdicts: ["violates"], findings: ["acl-action@35: action 0 / action 1, acl 0 rule 0", "path@39: error-drop / tap8-output"] });
  });

  it("says which policy and rule deny the packet", () => {
    const [finding] = check(syn, denyClient).findings;
    expect(finding.message).toBe(
      "acl-plugin-out-ip4-fa on tap8 (pod server 10.1.1.9) should deny the packet (action 0), as a network policy says in the pod-to-pod-same-node request: policy ACL of pod server 10.1.1.9 denies the packet (policy no-client: ingress rule 1 denies TCP port 8080, from 10.1.1.12/32)",
    );
  });

  it("a SYN the policies allow conforms as before, and a denied one without a policy is acl-action's", () => {
    const allowing = withPolicies("  - { name: client-ok, pods: [server], ingress: [{ peers: [10.1.1.0/24], protocol: TCP, port: 8080 }] }\n");
    expect(summary(syn, allowing)).toEqual({ verdicts: ["conforms"], findings: [] });
    expect(summary(deniedSyn, allowing).findings).toEqual(["acl-action@35: action 1, 2 or 3 (permit) / action 0 (deny), acl 0 rule 0", "path@39: tap8-output / error-drop"]);
  });

  it("a denied packet whose history is not known (a reset) is judged on the histories a denied connection can have, not left unchecked", () => {
    // Its request never arrived, so it has no reply: only the histories before one remain.
    const reset = withTcpFlags(deniedSyn, "RST");
    const result = check(reset, denyClient);
    expect(result.packets.map((p) => `${p.verdict} ${p.scenario}`)).toEqual(["conforms pod-to-pod-same-node request (history unknown) on k8s-master"]);
  });

  it("a policy naming no described pod is refused with its place in the file", () => {
    expect(() => withPolicies("  - { pods: [nobody] }\n")).toThrow(/policies\.yaml:\d+:\d+: \/policies\/0\/pods\/0: no pod named or addressed 'nobody' in pods/);
  });
});
