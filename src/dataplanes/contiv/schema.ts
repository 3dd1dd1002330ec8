/**
 * JSON Schema of the cluster description (YAML or JSON). Every field with a Contiv default
 * is optional, so `nodes: [{name: a, id: 1}]` is a valid cluster; a file without a node
 * describes nothing and is refused.
 */
import { CIDR_PATTERN, IP4_PATTERN } from "../../model/ip4.js";

const ip4 = { type: "string", pattern: IP4_PATTERN, description: "an IPv4 address such as 10.1.1.3" } as const;
const cidr = { type: "string", pattern: CIDR_PATTERN, description: "an IPv4 prefix such as 10.1.0.0/16" } as const;
const mac = { type: "string", pattern: "^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}$", description: "a MAC address such as 00:00:00:00:00:02" } as const;
/** A TCP/UDP port, 1 to 65535, without leading zeros. */
const PORT_PATTERN = "(?:6553[0-5]|655[0-2]\\d|65[0-4]\\d{2}|6[0-4]\\d{3}|[1-5]\\d{4}|[1-9]\\d{0,3})";
const endpoint = { type: "string", pattern: `${IP4_PATTERN.slice(0, -1)}:${PORT_PATTERN}$`, description: "ip:port (port 1 to 65535) such as 10.1.1.5:8080" } as const;
/** Every number has both bounds: YAML reads `1e400` as Infinity, which JSON Schema's
 *  `integer` alone lets through. */
const port = { type: "integer", minimum: 1, maximum: 65535 } as const;
/** A TAP's name in VPP: `tapN` (TAPv2, virtio) or `tapcli-N` (TAPv1, before VPP 19.04). */
const tapName = { type: "string", pattern: "^(?:tap\\d+|tapcli-\\d+)$", description: "a TAP interface's name in VPP: tapN (TAPv2) or tapcli-N (TAPv1)" } as const;
/** A rule of a network policy: the first that matches a packet decides. */
const policyRule = {
  type: "object",
  additionalProperties: false,
  properties: {
    peers: { type: "array", minItems: 1, items: { anyOf: [ip4, cidr] }, description: "the peer's addresses or prefixes (the client of an ingress rule, the server of an egress rule); any peer when absent" },
    protocol: { enum: ["TCP", "UDP"] },
    port: { ...port, description: "the server's port; any when absent" },
    action: { enum: ["allow", "deny"], description: "allow (the default) or deny" },
  },
} as const;
/** VPP's sw_if_index is a u32 and ~0 means "none". */
const swIfIndex = { type: "integer", minimum: 0, maximum: 4294967294 } as const;

export const clusterSchema = {
  $id: "https://vpptrace.dev/schemas/cluster.json",
  title: "vpptrace cluster description (Contiv/VPP)",
  type: "object",
  additionalProperties: false,
  required: ["nodes"],
  properties: {
    ipam: {
      type: "object",
      additionalProperties: false,
      properties: {
        podSubnetCIDR: cidr,
        podSubnetOneNodePrefixLen: { type: "integer", minimum: 8, maximum: 30 },
        vppHostSubnetCIDR: cidr,
        vppHostSubnetOneNodePrefixLen: { type: "integer", minimum: 8, maximum: 30 },
        nodeInterconnectCIDR: cidr,
        vxlanCIDR: cidr,
        serviceCIDR: cidr,
        vxlanVni: { type: "integer", minimum: 0, maximum: 16777215 },
        vxlanPort: port,
        // VPP's largest bridge-domain id (L2_BD_ID_MAX, 2^24 - 1).
        bridgeDomain: { type: "integer", minimum: 0, maximum: 16777215 },
        podMac: mac,
        tap0Mac: mac,
      },
    },
    nodes: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "id"],
        properties: {
          name: { type: "string", minLength: 1 },
          id: { type: "integer", minimum: 1, maximum: 255 },
          mainInterface: { type: "string", minLength: 1 },
          ip: ip4,
          hostIps: { type: "array", items: ip4 },
          gateway: { ...ip4, description: "the default gateway on the main interface, an IPv4 address" },
          hostTap: { ...tapName, description: "VPP's name of the TAP to the host stack: tap0 (the default), or tapcli-0 on a TAPv1 build" },
        },
      },
    },
    pods: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["ip"],
        properties: {
          name: { type: "string" },
          ip: ip4,
          node: { type: "string", minLength: 1 },
          tap: tapName,
          swIfIndex,
          policies: { type: "boolean" },
          serviceEndpoint: { type: "boolean" },
        },
      },
    },
    services: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["vip", "port", "endpoints"],
        properties: {
          name: { type: "string" },
          vip: ip4,
          port,
          protocol: { enum: ["TCP", "UDP"] },
          endpoints: { type: "array", minItems: 1, items: endpoint },
          nodePort: { type: "integer", minimum: 1, maximum: 65535 },
        },
      },
    },
    policies: {
      type: "array",
      description: "network policies: a policy selects pods, and its ingress (packets to them) and egress (packets from them) rules allow or deny; a packet of a selected pod that no rule matches is denied",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["pods"],
        properties: {
          name: { type: "string" },
          pods: { type: "array", minItems: 1, items: { type: "string", minLength: 1 }, description: "the pods it selects, by name or IP" },
          ingress: { type: "array", items: policyRule },
          egress: { type: "array", items: policyRule },
        },
      },
    },
    externalNetworks: { type: "array", items: cidr, description: "private networks outside the cluster, reached by the default route (a private address the file places nowhere is otherwise not known: a host IP left out?)" },
    globalAcl: { type: "boolean" },
    natExternalTraffic: { type: "boolean" },
  },
} as const;
