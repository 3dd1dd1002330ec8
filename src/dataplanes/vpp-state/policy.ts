/**
 * NAT44 and ACLs as a node's state shows them: the NAT interfaces' roles, static and
 * identity mappings and the pool (`show nat44 …`, or `show nat44 ei …` for NAT44-EI);
 * each interface's ACLs with their rules in evaluation order (`show acl-plugin acl`,
 * `show acl-plugin interface`).
 */
import type { AclRow, StaticMappingRow } from "../../../grammar/show/index.js";
import type { AclAttachment, AclRule, IdentityMapping, L4Protocol, Nat44Config, StaticMapping, VppInterface } from "../../vpp/types.js";
import type { Sections } from "./sections.js";

const ACTIONS: Record<string, 0 | 1 | 2> = { deny: 0, permit: 1, "permit+reflect": 2 };

/** NAT44-ED's nodes are `nat44-ed-*` and `nat-pre-*`; NAT44-EI's `nat44-ei-*`. */
function flavourOf(s: Sections, interfaces: Map<string, VppInterface>): "ed" | "ei" {
  const nodes = [...interfaces.values()].flatMap((i) => Object.values(i.features ?? {}).flat());
  if (nodes.some((n) => n.startsWith("nat44-ed-") || n.startsWith("nat-pre-"))) return "ed";
  if (nodes.some((n) => n.startsWith("nat44-ei-"))) return "ei";
  const ed = s.all("nat44-interfaces").filter((x) => !x.data.ei && x.data.rows.length > 0);
  const ei = s.all("nat44-interfaces").filter((x) => x.data.ei && x.data.rows.length > 0);
  return ei.length > 0 && ed.length === 0 ? "ei" : "ed";
}

function mapping(s: Sections, row: StaticMappingRow): StaticMapping | IdentityMapping | undefined {
  const where = s.at(row.line);
  const proto = row.proto === "TCP" || row.proto === "UDP" ? (row.proto as L4Protocol) : undefined;
  if (row.identity) {
    const m: IdentityMapping = { address: row.external.address, why: `show nat44 static mappings: identity mapping ${row.external.address}${row.external.port === undefined ? "" : `:${row.external.port}`} (${where})` };
    if (proto !== undefined) m.proto = proto;
    if (row.external.port !== undefined) m.port = row.external.port;
    return m;
  }
  const locals = row.locals.filter((l) => l.port !== undefined && /^\d/.test(l.address));
  if (proto === undefined || row.external.port === undefined || !/^\d/.test(row.external.address) || locals.length === 0) {
    s.note(row.line, `show nat44 static mappings: ${row.proto ?? "an address-only"} mapping of ${row.external.address} is not modelled (only TCP/UDP address:port mappings are)`);
    return undefined;
  }
  const other = row.flags.filter((f) => f !== "out2in-only");
  if (other.length > 0) s.note(row.line, `show nat44 static mappings: ${row.external.address}:${row.external.port} is ${other.join(", ")}, which the model does not translate`);
  const external = { ip: row.external.address, port: row.external.port };
  const text = `${proto} ${locals.map((l) => `${l.address}:${l.port}`).join(" | ")} external ${external.ip}:${external.port}${row.flags.length > 0 ? ` ${row.flags.join(" ")}` : ""}`;
  return { group: `${external.ip}:${external.port}`, proto, external, locals: locals.map((l) => ({ ip: l.address, port: l.port! })), out2inOnly: row.flags.includes("out2in-only"), why: `show nat44 static mappings: ${text} (${where})` };
}

export function renderNat(s: Sections, interfaces: Map<string, VppInterface>): Nat44Config {
  const flavour = flavourOf(s, interfaces);
  const ei = flavour === "ei";
  const config: Nat44Config = { staticMappings: [], identityMappings: [], pool: [], forwarding: false, forwardingUnknown: true, flavour, why: `NAT44-${flavour.toUpperCase()} as the state dump shows it (${s.file})` };
  for (const { data } of s.all("nat44-interfaces")) {
    if (data.ei !== ei) continue;
    for (const row of data.rows) {
      const iface = interfaces.get(row.name);
      if (iface === undefined) continue;
      const roles = [row.outputFeature ? "output-feature" : "", row.inside ? "in" : "", row.outside ? "out" : ""].filter((r) => r !== "").join(" ");
      iface.nat44 = { inside: row.inside, outside: row.outside, outputFeature: row.outputFeature, why: `show nat44 interfaces: ${row.name} ${roles} (${s.at(row.line)})` };
    }
  }
  for (const { data } of s.all("nat44-static-mappings")) {
    if (data.ei !== ei) continue;
    for (const row of data.rows) {
      const m = mapping(s, row);
      if (m === undefined) continue;
      if ("group" in m) config.staticMappings.push(m);
      else config.identityMappings.push(m);
    }
  }
  for (const { data } of s.all("nat44-addresses")) if (data.ei === ei) config.pool.push(...data.addresses.filter((a) => !config.pool.includes(a)));
  return config;
}

function rulesOf(s: Sections, acl: AclRow): AclRule[] {
  return acl.rules
    .filter((r) => !r.ipv6 && ACTIONS[r.action] !== undefined)
    .map((r) => ({ acl: acl.index, index: r.index, action: ACTIONS[r.action], src: r.src, dst: r.dst, proto: r.proto, sport: r.sport, dport: r.dport, why: `show acl-plugin acl: acl ${acl.index}${acl.tag ? ` {${acl.tag}}` : ""} rule ${r.index}: ${r.action} src ${r.src} dst ${r.dst} proto ${r.proto} sport ${r.sport.join("-")} dport ${r.dport.join("-")} (${s.at(r.line)})` }));
}

function attachment(s: Sections, acls: Map<number, AclRow>, indexes: number[], why: string): AclAttachment | undefined {
  if (indexes.length === 0) return undefined;
  const rows = indexes.map((i) => acls.get(i));
  const rules = rows.flatMap((row) => (row === undefined ? [] : rulesOf(s, row)));
  const name = indexes.map((i) => `acl ${i}${acls.get(i)?.tag ? ` {${acls.get(i)!.tag}}` : ""}`).join(", ");
  return { name, reflective: rules.some((r) => r.action === 2), attached: true, why, rules };
}

export function renderAcls(s: Sections, interfaces: Map<string, VppInterface>): void {
  const acls = new Map<number, AclRow>();
  for (const { data } of s.all("acl")) for (const row of data.rows) acls.set(row.index, row);
  const bySwIf = new Map<number, VppInterface>();
  for (const i of interfaces.values()) if (i.swIfIndex !== undefined) bySwIf.set(i.swIfIndex, i);
  const lists = s.all("acl-interface").flatMap((x) => x.data.rows);
  if (lists.length > 0) {
    for (const row of lists) {
      const iface = bySwIf.get(row.swIfIndex);
      if (iface === undefined) continue;
      const input = attachment(s, acls, row.input, `show acl-plugin interface: sw_if_index ${row.swIfIndex} (${iface.name}) input acl(s) ${row.input.join(", ")} (${s.at(row.line)})`);
      const output = attachment(s, acls, row.output, `show acl-plugin interface: sw_if_index ${row.swIfIndex} (${iface.name}) output acl(s) ${row.output.join(", ")} (${s.at(row.line)})`);
      iface.acl = { ...(input === undefined ? {} : { input }), ...(output === undefined ? {} : { output }) };
    }
    return;
  }
  // Without `show acl-plugin interface`, each ACL's `applied inbound/outbound on` lines.
  for (const iface of bySwIf.values()) {
    const inbound = [...acls.values()].filter((a) => a.inbound.includes(iface.swIfIndex!)).map((a) => a.index);
    const outbound = [...acls.values()].filter((a) => a.outbound.includes(iface.swIfIndex!)).map((a) => a.index);
    const input = attachment(s, acls, inbound, `show acl-plugin acl: applied inbound on sw_if_index ${iface.swIfIndex}`);
    const output = attachment(s, acls, outbound, `show acl-plugin acl: applied outbound on sw_if_index ${iface.swIfIndex}`);
    iface.acl = { ...(input === undefined ? {} : { input }), ...(output === undefined ? {} : { output }) };
  }
}
