/**
 * JSON Schema of the cluster description (YAML or JSON). Every field with a Contiv default
 * is optional, so `nodes: [{name: a, id: 1}]` is a valid cluster.
 */
import { CIDR_PATTERN, IP4_PATTERN } from "../../model/ip4.js";

const ip4 = { type: "string", pattern: IP4_PATTERN, description: "an IPv4 address such as 10.1.1.3" } as const;
const cidr = { type: "string", pattern: CIDR_PATTERN, description: "an IPv4 prefix such as 10.1.0.0/16" } as const;
const mac = { type: "string", pattern: "^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}$", description: "a MAC address such as 00:00:00:00:00:02" } as const;
const endpoint = { type: "string", pattern: `${IP4_PATTERN.slice(0, -1)}:\\d{1,5}$`, description: "ip:port such as 10.1.1.5:8080" } as const;

export const clusterSchema = {
  $id: "https://vpptrace.dev/schemas/cluster.json",
  title: "vpptrace cluster description (Contiv/VPP)",
  type: "object",
  additionalProperties: false,
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
        vxlanPort: { type: "integer", minimum: 1, maximum: 65535 },
        bridgeDomain: { type: "integer", minimum: 0 },
        podMac: mac,
        tap0Mac: mac,
      },
    },
    nodes: {
      type: "array",
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
          tap: { type: "string", pattern: "^tap\\d+$" },
          swIfIndex: { type: "integer", minimum: 0 },
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
          port: { type: "integer", minimum: 1, maximum: 65535 },
          protocol: { enum: ["TCP", "UDP"] },
          endpoints: { type: "array", minItems: 1, items: endpoint },
          nodePort: { type: "integer", minimum: 1, maximum: 65535 },
        },
      },
    },
    globalAcl: { type: "boolean" },
    natExternalTraffic: { type: "boolean" },
  },
} as const;
