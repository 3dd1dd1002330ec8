import { describe, expect, it } from "vitest";
import { loadCluster } from "../../src/dataplanes/contiv/index.js";
import { checkPackets } from "../../src/rules/index.js";
import { parseTrace } from "../../src/trace/index.js";
import { sampleText } from "../helpers.js";
import { inject } from "../rules/fault.js";

const cluster = loadCluster(sampleText("cluster.yaml"), "cluster.yaml");

function check(...texts: [string, string][]) {
  const packets = texts.flatMap(([file, text], i) => parseTrace(text, { file, firstIndex: i + 1 }).packets);
  return checkPackets(packets, { cluster });
}

describe("cross-node correlation", () => {
  it("pairs the client's and the server's capture of one packet into a flow", () => {
    const result = check(
      ["client", sampleText("pod-to-pod-other-node-request-client-node.txt")],
      ["server", sampleText("pod-to-pod-other-node-request-server-node.txt")],
    );
    expect(result.flows).toEqual([
      { scenario: "pod-to-pod-other-node", direction: "request", sent: 1, received: 2, key: "request 10.1.1.12:60996 > 10.1.2.13:8080 id 12447 seq 3530351953", ttlSent: 63, ttlReceived: 63 },
    ]);
    expect(result.findings).toEqual([]);
  });

  it("reports an inner TTL that changed inside the VXLAN tunnel", () => {
    const server = inject("pod-to-pod-other-node-request-server-node.txt", ["tos 0x00, ttl 63, length 60, checksum 0xf402\n    fragment id 0x309f, flags DONT_FRAGMENT\n  TCP: 60996 -> 8080\n    seq. 0xd26ce551 ack 0x00000000\n    flags 0x02 SYN, tcp header: 40 bytes\n    window 29200, checksum 0x2337\n04:24:37:730782: acl", "tos 0x00, ttl 61, length 60, checksum 0xf602\n    fragment id 0x309f, flags DONT_FRAGMENT\n  TCP: 60996 -> 8080\n    seq. 0xd26ce551 ack 0x00000000\n    flags 0x02 SYN, tcp header: 40 bytes\n    window 29200, checksum 0x2337\n04:24:37:730782: acl"]);
    const result = check(["client", sampleText("pod-to-pod-other-node-request-client-node.txt")], ["server", server]);
    const tunnel = result.findings.find((f) => f.message.startsWith("the VXLAN tunnel"));
    expect(tunnel).toMatchObject({ rule: "ttl-decrement", file: "server", line: 49, expected: "ttl 63", actual: "ttl 61", packet: { index: 2 } });
  });
});
