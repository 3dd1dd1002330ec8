/** The guide's scenarios with the flow of each sample and the sample per node, for tests. */
import type { Direction, Scenario } from "../../src/model/expectation.js";

/** Each scenario of the guide with the flow of its sample, and the sample per node. */
export const GUIDE: { scenario: Scenario; flow: string; endpoint?: string; samples: Record<Direction, Record<string, string>> }[] = [
  { scenario: "pod-to-pod-same-node", flow: "tcp 10.1.1.12:39820 -> 10.1.1.9:8080", samples: { request: { "k8s-master": "pod-to-pod-same-node-request.txt" }, response: { "k8s-master": "pod-to-pod-same-node-response.txt" } } },
  {
    scenario: "pod-to-pod-other-node",
    flow: "tcp 10.1.1.12:60996 -> 10.1.2.13:8080",
    samples: {
      request: { "k8s-master": "pod-to-pod-other-node-request-client-node.txt", "k8s-worker1": "pod-to-pod-other-node-request-server-node.txt" },
      response: { "k8s-worker1": "pod-to-pod-other-node-response-server-node.txt", "k8s-master": "pod-to-pod-other-node-response-client-node.txt" },
    },
  },
  { scenario: "pod-to-host", flow: "tcp 10.1.1.3:54252 -> 10.20.0.2:8080", samples: { request: { "k8s-master": "pod-to-host-request.txt" }, response: { "k8s-master": "pod-to-host-response.txt" } } },
  { scenario: "host-to-pod", flow: "tcp 172.30.1.2:32966 -> 10.1.1.6:8080", samples: { request: { "k8s-master": "host-to-pod-request.txt" }, response: { "k8s-master": "host-to-pod-response.txt" } } },
  { scenario: "pod-to-service-same-node", flow: "tcp 10.1.1.3:51082 -> 10.104.221.85:80", endpoint: "10.1.1.5:8080", samples: { request: { "k8s-master": "pod-to-service-same-node-request.txt" }, response: { "k8s-master": "pod-to-service-same-node-response.txt" } } },
  {
    scenario: "pod-to-service-other-node",
    flow: "tcp 10.1.1.3:49710 -> 10.97.193.160:80",
    samples: {
      request: { "k8s-master": "pod-to-service-other-node-request-client-node.txt", "k8s-worker1": "pod-to-service-other-node-request-server-node.txt" },
      response: { "k8s-worker1": "pod-to-service-other-node-response-server-node.txt", "k8s-master": "pod-to-service-other-node-response-client-node.txt" },
    },
  },
  { scenario: "pod-to-service-host", flow: "tcp 10.1.1.3:46310 -> 10.104.221.85:80", endpoint: "10.20.0.2:8080", samples: { request: { "k8s-master": "pod-to-service-host-request.txt" }, response: { "k8s-master": "pod-to-service-host-response.txt" } } },
];

