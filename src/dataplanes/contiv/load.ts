/**
 * Load a cluster description (YAML or JSON), validate it against the shipped schema with
 * ajv, fill Contiv's defaults and check that it does not contradict itself. Every problem
 * names file:line:column and the JSON path of the offending value.
 */
import type { Cluster, ClusterNode, ClusterPod, ClusterPolicy, ClusterPolicyRule, ClusterService, Ipam } from "./cluster.js";
import { ClusterError, locatedSchemaProblems, MAX_CLUSTER_BYTES, MAX_PROBLEMS, NO_NODE, tooLarge, withMore } from "./errors.js";
import { CONTIV_IPAM, nodeFromId } from "./defaults.js";
import { readYaml } from "./yaml-source.js";
import { clusterValidator } from "./cluster-validator.js";
import { inPrefix } from "../../model/ip4.js";
import { clusterSchema } from "./schema.js";

type Raw = {
  ipam?: Partial<Ipam>;
  nodes?: { name: string; id: number; mainInterface?: string; ip?: string; hostIps?: string[]; gateway?: string; hostTap?: string }[];
  pods?: { name?: string; ip: string; node?: string; tap?: string; swIfIndex?: number; policies?: boolean; serviceEndpoint?: boolean }[];
  services?: { name?: string; vip: string; port: number; protocol?: "TCP" | "UDP"; endpoints: string[]; nodePort?: number }[];
  policies?: { name?: string; pods: string[]; ingress?: RawRule[]; egress?: RawRule[] }[];
  externalNetworks?: string[];
  globalAcl?: boolean;
  natExternalTraffic?: boolean;
};
type RawRule = { peers?: string[]; protocol?: "TCP" | "UDP"; port?: number; action?: "allow" | "deny" };

/** `file:line:column: ` of the value at a JSON pointer (or of its key). */
type Locate = (pointer: string, key?: string) => string;

export function loadCluster(text: string, file = "cluster"): Cluster {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_CLUSTER_BYTES) throw new ClusterError([tooLarge(file, bytes)]);
  const source = readYaml(text, file);
  const at: Locate = (pointer, key) => `${file}:${source.locate(pointer, key)}: `;
  if (source.data === null || source.data === undefined) throw new ClusterError([`${file}:1:1: ${NO_NODE}`]);
  const validate = clusterValidator();
  if (!validate(source.data)) {
    throw new ClusterError(locatedSchemaProblems(validate.errors ?? [], clusterSchema, at));
  }
  return buildCluster(source.data as Raw, at);
}


function buildCluster(raw: Raw, at: Locate): Cluster {
  const ipam: Ipam = { ...CONTIV_IPAM, ...raw.ipam };
  const nodes = (raw.nodes ?? []).map((n) => nodeFromId(ipam, n.name, n.id, n));
  const problems: string[] = [];
  const problem = (pointer: string, message: string): number => problems.push(`${at(pointer)}${pointer}: ${message}`);
  checkUnique(nodes.map((n) => n.name), "/nodes/*/name", "node name", problem);
  checkUnique(nodes.map((n) => String(n.id)), "/nodes/*/id", "node id", problem);
  // Node ids are 1 to 255 and now unique: what follows looks through at most 255 nodes.
  if (problems.length > 0) throw new ClusterError(withMore(problems, MAX_PROBLEMS));
  const nodeOf = (ip: string): ClusterNode | undefined => nodes.find((n) => inPrefix(ip, n.podSubnet));
  const pods: ClusterPod[] = (raw.pods ?? []).map((p, i) => {
    const named = p.node === undefined ? nodeOf(p.ip) : nodes.find((n) => n.name === p.node);
    if (p.node !== undefined && named === undefined) problem(`/pods/${i}/node`, `no node named '${p.node}'; nodes: ${nodes.map((n) => n.name).join(", ")}`);
    else if (named === undefined) problem(`/pods/${i}/ip`, `${p.ip} is in no node's pod subnet; give the pod a node`);
    else if (!inPrefix(p.ip, named.podSubnet)) problem(`/pods/${i}/ip`, `${p.ip} is outside the pod subnet ${named.podSubnet} of node '${named.name}'`);
    // A listed pod carries ACLs unless the file says otherwise (the guide's pods all do);
    // whether it backs a service is known from the services, or from the file.
    const backs = (raw.services ?? []).some((s) => s.endpoints.some((e) => e.split(":")[0] === p.ip));
    return { name: p.name, ip: p.ip, node: named?.name ?? p.node ?? "", tap: p.tap, swIfIndex: p.swIfIndex, policies: p.policies ?? true, serviceEndpoint: p.serviceEndpoint ?? (backs ? true : "unknown") };
  });
  checkUnique(pods.map((p) => p.ip), "/pods/*/ip", "pod IP", problem);
  const policies = (raw.policies ?? []).map((policy, i) => buildPolicy(policy, i, pods, problem));
  selectByPolicies(raw, pods, policies, problem);
  const podIps = new Set(pods.map((p) => p.ip));
  const services: ClusterService[] = (raw.services ?? []).map((s, i) => {
    const endpoints = s.endpoints.map((e) => {
      const [ip, port] = e.split(":");
      return { ip, port: Number(port) };
    });
    endpoints.forEach((e, j) => {
      const known = podIps.has(e.ip) || nodes.some((n) => n.hostIps.includes(e.ip) || n.vpp1Ip === e.ip || n.ip === e.ip) || nodeOf(e.ip) !== undefined;
      if (!known) problem(`/services/${i}/endpoints/${j}`, `${e.ip} is neither a pod nor a host IP of any node`);
    });
    if (!inPrefix(s.vip, ipam.serviceCIDR)) problem(`/services/${i}/vip`, `${s.vip} is outside the service CIDR ${ipam.serviceCIDR}`);
    const service: ClusterService = { name: s.name, vip: s.vip, port: s.port, protocol: s.protocol ?? "TCP", endpoints };
    if (s.nodePort !== undefined) service.nodePort = s.nodePort;
    return service;
  });
  if (problems.length > 0) throw new ClusterError(withMore(problems, MAX_PROBLEMS));
  return { ipam, nodes, pods, services, policies, externalNetworks: raw.externalNetworks ?? [], globalAcl: raw.globalAcl ?? true, natExternalTraffic: raw.natExternalTraffic ?? true, described: true };
}

/** A policy with its pods (named or by IP) resolved to the IPs of described pods. */
function buildPolicy(raw: NonNullable<Raw["policies"]>[number], i: number, pods: ClusterPod[], problem: (pointer: string, message: string) => void): ClusterPolicy {
  const ips = raw.pods.flatMap((ref, j) => {
    const pod = pods.find((p) => p.name === ref || p.ip === ref);
    if (pod === undefined) problem(`/policies/${i}/pods/${j}`, `no pod named or addressed '${ref}' in pods`);
    return pod === undefined ? [] : [pod.ip];
  });
  const rules = (list: RawRule[]): ClusterPolicyRule[] => list.map((r) => ({ ...r, action: r.action ?? "allow" }));
  const policy: ClusterPolicy = { pods: ips };
  if (raw.name !== undefined) policy.name = raw.name;
  if (raw.ingress !== undefined) policy.ingress = rules(raw.ingress);
  if (raw.egress !== undefined) policy.egress = rules(raw.egress);
  return policy;
}

/** A pod a policy selects has the policy ACLs on its TAP: one the file says has none is a
 *  contradiction. */
function selectByPolicies(raw: Raw, pods: ClusterPod[], policies: ClusterPolicy[], problem: (pointer: string, message: string) => void): void {
  pods.forEach((pod, i) => {
    const by = policies.findIndex((p) => p.pods.includes(pod.ip));
    if (by === -1) return;
    if (raw.pods?.[i]?.policies === false) problem(`/pods/${i}/policies`, `policies: false, but /policies/${by} selects ${pod.ip}`);
    pod.policies = true;
  });
}

/** A value that repeats is reported where it repeats, with where it was first seen:
 *  `/pods/2/ip: two entries share the pod IP 10.1.1.7 (also /pods/1/ip)`. */
function checkUnique(values: string[], path: string, what: string, problem: (pointer: string, message: string) => void): void {
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    const first = seen.get(v);
    if (first !== undefined) problem(path.replace("*", String(i)), `two entries share the ${what} ${v} (also ${path.replace("*", String(first))})`);
    else seen.set(v, i);
  });
}
