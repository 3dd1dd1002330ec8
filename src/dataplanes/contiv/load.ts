/**
 * Load a cluster description (YAML or JSON), validate it against the shipped schema with
 * ajv, fill Contiv's defaults and check that it does not contradict itself.
 */
import { Ajv } from "ajv";
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { Cluster, ClusterNode, ClusterPod, ClusterService, Ipam } from "./cluster.js";
import { ClusterError, describeSchemaError } from "./errors.js";
import { hostAddress, inPrefix, subnet } from "../../model/ip4.js";
import { clusterSchema } from "./schema.js";

export const CONTIV_IPAM: Ipam = {
  podSubnetCIDR: "10.1.0.0/16",
  podSubnetOneNodePrefixLen: 24,
  vppHostSubnetCIDR: "172.30.0.0/16",
  vppHostSubnetOneNodePrefixLen: 24,
  nodeInterconnectCIDR: "192.168.16.0/24",
  vxlanCIDR: "192.168.30.0/24",
  serviceCIDR: "10.96.0.0/12",
  vxlanVni: 10,
  vxlanPort: 4789,
  bridgeDomain: 1,
  podMac: "00:00:00:00:00:02",
  tap0Mac: "01:23:45:67:89:42",
};

export const DEFAULT_MAIN_INTERFACE = "GigabitEthernet0/8/0";

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const validate = ajv.compile({ ...clusterSchema, $id: undefined });

type Raw = {
  ipam?: Partial<Ipam>;
  nodes?: { name: string; id: number; mainInterface?: string; ip?: string; hostIps?: string[]; gateway?: string }[];
  pods?: { name?: string; ip: string; node?: string; tap?: string; swIfIndex?: number; policies?: boolean; serviceEndpoint?: boolean }[];
  services?: { name?: string; vip: string; port: number; protocol?: "TCP" | "UDP"; endpoints: string[]; nodePort?: number }[];
  globalAcl?: boolean;
  natExternalTraffic?: boolean;
};

/** Addresses Contiv derives from a node id N. */
export function nodeFromId(ipam: Ipam, name: string, id: number, extra: Partial<ClusterNode> = {}): ClusterNode {
  const podSubnet = subnet(ipam.podSubnetCIDR, ipam.podSubnetOneNodePrefixLen, id);
  const hostSubnet = subnet(ipam.vppHostSubnetCIDR, ipam.vppHostSubnetOneNodePrefixLen, id);
  return {
    name,
    id,
    mainInterface: extra.mainInterface ?? DEFAULT_MAIN_INTERFACE,
    ip: extra.ip ?? hostAddress(ipam.nodeInterconnectCIDR, id),
    hostIps: extra.hostIps ?? [],
    ...(extra.gateway === undefined ? {} : { gateway: extra.gateway }),
    podSubnet,
    podGateway: hostAddress(podSubnet, 1),
    tap0Ip: hostAddress(hostSubnet, 1),
    vpp1Ip: hostAddress(hostSubnet, 2),
    loop0Ip: hostAddress(ipam.vxlanCIDR, id),
    loop0Mac: `1a:2b:3c:4d:5e:${id.toString(16).padStart(2, "0")}`,
  };
}

function schemaAt(schemaPath: string): { properties?: Record<string, { description?: string }> } | undefined {
  let node: unknown = clusterSchema;
  for (const part of schemaPath.replace(/^#\//, "").split("/").slice(0, -1)) node = (node as Record<string, unknown>)?.[part];
  return node as { properties?: Record<string, { description?: string }> } | undefined;
}

function parseText(text: string, file: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      throw new ClusterError([`${file}:${pos?.line ?? 1}:${pos?.col ?? 1}: not valid YAML or JSON: ${error.message.split("\n")[0]}`]);
    }
    throw error;
  }
}

export function loadCluster(text: string, file = "cluster"): Cluster {
  const data = parseText(text, file) ?? {};
  if (!validate(data)) throw new ClusterError((validate.errors ?? []).map((e) => `${file}: ${describeSchemaError(e, schemaAt)}`));
  return buildCluster(data as Raw, file);
}

/** The cluster Contiv's defaults describe when no file is given: nodes appear as the
 *  traces name them (a pod 10.1.N.x implies node N). */
export function defaultCluster(): Cluster {
  return { ipam: CONTIV_IPAM, nodes: [], pods: [], services: [], globalAcl: true, natExternalTraffic: true, described: false };
}

function buildCluster(raw: Raw, file: string): Cluster {
  const ipam: Ipam = { ...CONTIV_IPAM, ...raw.ipam };
  const nodes = (raw.nodes ?? []).map((n) => nodeFromId(ipam, n.name, n.id, n));
  const problems: string[] = [];
  const nodeOf = (ip: string): ClusterNode | undefined => nodes.find((n) => inPrefix(ip, n.podSubnet));
  const pods: ClusterPod[] = (raw.pods ?? []).map((p, i) => {
    const named = p.node === undefined ? nodeOf(p.ip) : nodes.find((n) => n.name === p.node);
    if (p.node !== undefined && named === undefined) problems.push(`${file}: /pods/${i}/node: no node named '${p.node}'; nodes: ${nodes.map((n) => n.name).join(", ")}`);
    else if (named === undefined) problems.push(`${file}: /pods/${i}/ip: ${p.ip} is in no node's pod subnet; give the pod a node`);
    else if (!inPrefix(p.ip, named.podSubnet)) problems.push(`${file}: /pods/${i}/ip: ${p.ip} is outside the pod subnet ${named.podSubnet} of node '${named.name}'`);
    // A listed pod carries ACLs unless the file says otherwise (the guide's pods all do);
    // whether it backs a service is known from the services, or from the file.
    const backs = (raw.services ?? []).some((s) => s.endpoints.some((e) => e.split(":")[0] === p.ip));
    return { name: p.name, ip: p.ip, node: named?.name ?? p.node ?? "", tap: p.tap, swIfIndex: p.swIfIndex, policies: p.policies ?? true, serviceEndpoint: p.serviceEndpoint ?? (backs ? true : "unknown") };
  });
  checkUnique(nodes.map((n) => n.name), "/nodes/*/name", "node name", file, problems);
  checkUnique(nodes.map((n) => String(n.id)), "/nodes/*/id", "node id", file, problems);
  checkUnique(pods.map((p) => p.ip), "/pods/*/ip", "pod IP", file, problems);
  const services: ClusterService[] = (raw.services ?? []).map((s, i) => {
    const endpoints = s.endpoints.map((e) => {
      const [ip, port] = e.split(":");
      return { ip, port: Number(port) };
    });
    endpoints.forEach((e, j) => {
      const known = pods.some((p) => p.ip === e.ip) || nodes.some((n) => n.hostIps.includes(e.ip) || n.vpp1Ip === e.ip || n.ip === e.ip) || nodeOf(e.ip) !== undefined;
      if (!known) problems.push(`${file}: /services/${i}/endpoints/${j}: ${e.ip} is neither a pod nor a host IP of any node`);
    });
    if (!inPrefix(s.vip, ipam.serviceCIDR)) problems.push(`${file}: /services/${i}/vip: ${s.vip} is outside the service CIDR ${ipam.serviceCIDR}`);
    const service: ClusterService = { name: s.name, vip: s.vip, port: s.port, protocol: s.protocol ?? "TCP", endpoints };
    if (s.nodePort !== undefined) service.nodePort = s.nodePort;
    return service;
  });
  if (problems.length > 0) throw new ClusterError(problems);
  return { ipam, nodes, pods, services, globalAcl: raw.globalAcl ?? true, natExternalTraffic: raw.natExternalTraffic ?? true, described: true };
}

function checkUnique(values: string[], path: string, what: string, file: string, problems: string[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) problems.push(`${file}: ${path}: two entries share the ${what} ${v}`);
    seen.add(v);
  }
}
