/**
 * Syntax of a VPP state dump: the outputs of several `show` commands, each under the
 * prompt line that ran it, as a terminal log or a collection script holds them — and,
 * in a capture file, `show trace` among them. Normalise, lex, cut into sections, read each
 * known command's lines. Never throws on bad input: an unknown command is skipped with a
 * note, a line a known command does not print is a located warning.
 */
import { normalizeTraceText } from "../normalize.js";
import { readAclInterfaces, readAcls, type AclInterfaceRow, type AclRow } from "./acl.js";
import { resolveCommand, type ResolvedCommand } from "./commands.js";
import { readFib, type FibRow } from "./fib.js";
import { readFeatures, readInterfaceAddresses, readInterfaces, readMode, readVersion, type AddressRow, type FeatureArcs, type InterfaceRow, type ModeRow } from "./interfaces.js";
import { readBridgeDomain, readL2fib, readNeighbours, readVxlan, type BridgeDomainRow, type L2fibRow, type NeighbourRow, type VxlanRow } from "./l2.js";
import type { Problem } from "./lines.js";
import { readNatAddresses, readNatInterfaces, readStaticMappings, type NatInterfaceRow, type StaticMappingRow } from "./nat44.js";
import { showParser, type ShowLine } from "./parser.js";
import { showLexer } from "./tokens.js";

export type { AclInterfaceRow, AclRow, AclRuleRow } from "./acl.js";
export type { Dpo, FibRow } from "./fib.js";
export type { AddressRow, FeatureArcs, InterfaceRow, ModeRow } from "./interfaces.js";
export type { BridgeDomainRow, L2fibRow, NeighbourRow, VxlanRow } from "./l2.js";
export type { NatInterfaceRow, StaticMappingRow, NatEndpointText } from "./nat44.js";
export type { ShowLine } from "./parser.js";
export type { Problem } from "./lines.js";
export { resolveCommand, type ShowCommand } from "./commands.js";

/** What one known command printed, read. */
export type SectionData =
  | { command: "version"; release?: string }
  | { command: "interface"; rows: InterfaceRow[] }
  | { command: "interface-address"; rows: AddressRow[] }
  | { command: "interface-features"; arcs: FeatureArcs }
  | { command: "ip-fib"; rows: FibRow[] }
  | { command: "ip-neighbors"; rows: NeighbourRow[] }
  | { command: "bridge-domain"; rows: BridgeDomainRow[] }
  | { command: "l2fib"; rows: L2fibRow[] }
  | { command: "vxlan-tunnel"; rows: VxlanRow[] }
  | { command: "mode"; rows: ModeRow[] }
  | { command: "nat44-interfaces"; rows: NatInterfaceRow[]; ei: boolean }
  | { command: "nat44-static-mappings"; rows: StaticMappingRow[]; ei: boolean }
  | { command: "nat44-addresses"; addresses: string[]; ei: boolean }
  | { command: "acl"; rows: AclRow[] }
  | { command: "acl-interface"; rows: AclInterfaceRow[] }
  | { command: "hardware-interfaces" }
  /** `show trace`: its lines, for the trace parser. */
  | { command: "trace"; body: ShowLine[] };

export interface ShowSection {
  /** The command as typed (`sh int addr`). */
  typed: string;
  line: number;
  args: string[];
  data: SectionData;
}

export interface ShowDiagnostic {
  severity: "warning" | "note";
  line: number;
  column: number;
  message: string;
}

export interface ShowDump {
  /** Lines before the first prompt: a trace without its `show trace` line, or nothing. */
  preamble: ShowLine[];
  sections: ShowSection[];
  diagnostics: ShowDiagnostic[];
  /** Normalisations applied to the input (CRLF, BOM, ANSI). */
  fixes: string[];
}

function readSection(resolved: ResolvedCommand, body: ShowLine[]): { data: SectionData; problems: Problem[] } {
  const ei = resolved.ei;
  switch (resolved.command) {
    case "version": {
      const r = readVersion(body);
      return { data: { command: "version", release: r.data.release }, problems: r.problems };
    }
    case "interface": {
      const r = readInterfaces(body);
      return { data: { command: "interface", rows: r.data }, problems: r.problems };
    }
    case "interface-address": {
      const r = readInterfaceAddresses(body);
      return { data: { command: "interface-address", rows: r.data }, problems: r.problems };
    }
    case "interface-features": {
      const r = readFeatures(body);
      return { data: { command: "interface-features", arcs: r.data }, problems: r.problems };
    }
    case "ip-fib": {
      const r = readFib(body);
      return { data: { command: "ip-fib", rows: r.data }, problems: r.problems };
    }
    case "ip-neighbors": {
      const r = readNeighbours(body);
      return { data: { command: "ip-neighbors", rows: r.data }, problems: r.problems };
    }
    case "bridge-domain": {
      const r = readBridgeDomain(body);
      return { data: { command: "bridge-domain", rows: r.data }, problems: r.problems };
    }
    case "l2fib": {
      const r = readL2fib(body);
      return { data: { command: "l2fib", rows: r.data }, problems: r.problems };
    }
    case "vxlan-tunnel": {
      const r = readVxlan(body);
      return { data: { command: "vxlan-tunnel", rows: r.data }, problems: r.problems };
    }
    case "mode": {
      const r = readMode(body);
      return { data: { command: "mode", rows: r.data }, problems: r.problems };
    }
    case "nat44-interfaces": {
      const r = readNatInterfaces(body);
      return { data: { command: "nat44-interfaces", rows: r.data, ei }, problems: r.problems };
    }
    case "nat44-static-mappings": {
      const r = readStaticMappings(body);
      return { data: { command: "nat44-static-mappings", rows: r.data, ei }, problems: r.problems };
    }
    case "nat44-addresses": {
      const r = readNatAddresses(body);
      return { data: { command: "nat44-addresses", addresses: r.data, ei }, problems: r.problems };
    }
    case "acl": {
      const r = readAcls(body);
      return { data: { command: "acl", rows: r.data }, problems: r.problems };
    }
    case "acl-interface": {
      const r = readAclInterfaces(body);
      return { data: { command: "acl-interface", rows: r.data }, problems: r.problems };
    }
    case "hardware-interfaces":
      return { data: { command: "hardware-interfaces" }, problems: [] };
    case "trace":
      return { data: { command: "trace", body }, problems: [] };
  }
}

const ELISION = /^\s*(?:\.\.\.|…|<snip>|\[\.\.\.\])\s*$/;

/** `firstLine`: the line number of the text's first line. */
export function parseShowDump(input: string, firstLine = 1): ShowDump {
  const { text, fixes } = normalizeTraceText(input);
  const raw = showParser.parseTokens(showLexer.tokenize(text).tokens, firstLine);
  const sections: ShowSection[] = [];
  const diagnostics: ShowDiagnostic[] = [];
  for (const s of raw.sections) {
    if (s.command.includes("|")) {
      diagnostics.push({ severity: "note", line: s.line, column: s.column, message: `'${s.command}' is filtered through a pipe, so its output is not whole: skipped` });
      continue;
    }
    const resolved = resolveCommand(s.command);
    if (resolved === undefined) {
      if (s.command !== "") diagnostics.push({ severity: "note", line: s.line, column: s.column, message: `'${s.command}' is not a command vpptrace reads: its ${s.body.filter((l) => l.text.trim() !== "").length} lines are skipped` });
      continue;
    }
    // A document's elision (`...`, `<snip>`) stands for lines left out, not for a line VPP printed.
    const { data, problems } = readSection(resolved, s.body.filter((l) => !ELISION.test(l.text)));
    for (const p of problems) diagnostics.push({ severity: "warning", line: p.line, column: p.column, message: `${s.command}: ${p.message}` });
    sections.push({ typed: s.command, line: s.line, args: resolved.args, data });
  }
  return { preamble: raw.preamble, sections, diagnostics, fixes };
}
