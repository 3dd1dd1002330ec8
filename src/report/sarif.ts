/**
 * `check --format sarif`: a SARIF 2.1.0 log, what GitHub code scanning, GitLab and most
 * analysis dashboards ingest. One run; the driver lists every rule that ran with its help
 * text; each finding is a result at the line and column of the offending value, with the
 * packet, its placement (the flow it belongs to) and its verdict in `properties`.
 */
import type { CheckResult, Finding, PacketResult } from "../model/findings.js";
import type { Severity } from "../model/trace.js";
import { findingPlace } from "./finding-place.js";

export interface SarifTool {
  name: string;
  version: string;
  /** Where the tool is documented; optional in SARIF, and left out while vpptrace has no
   *  published home (a link to nowhere would be worse). */
  informationUri?: string;
}

/** What the log says of a rule: its table entry (src/rules, RuleMeta). */
export interface SarifRule {
  id: string;
  description: string;
  severity: Severity;
  kind: "invariant" | "expectation";
}

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

/** A trace's path as a URI reference: relative paths stay relative (to the checkout, where
 *  code scanning resolves them), absolute ones become file: URIs. */
export function artifactUri(file: string): string {
  const slashed = file.replace(/\\/g, "/");
  const encoded = slashed.split("/").map(encodeURIComponent).join("/");
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded.replace("%3A", ":")}`;
  return slashed.startsWith("/") ? `file://${encoded}` : encoded;
}

function ruleDescriptor(meta: SarifRule) {
  const kind = meta.kind === "expectation" ? "compares the packet with the path the cluster's configuration gives it" : "an invariant of VPP's forwarding, needing no configuration";
  const text = `${meta.description}. This rule ${kind}. Run only it with \`--rule ${meta.id}\`; turn it off with \`--skip ${meta.id}\` or \`rules: {${meta.id}: off}\` in vpptrace.config.yaml.`;
  return {
    id: meta.id,
    name: meta.id,
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.description },
    help: { text, markdown: text },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { kind: meta.kind },
  };
}

function sarifResult(f: Finding, ruleIndex: number, packet: PacketResult | undefined) {
  const { line, column } = findingPlace(f);
  return {
    ruleId: f.rule,
    ...(ruleIndex === -1 ? {} : { ruleIndex }),
    level: LEVEL[f.severity],
    message: { text: `${f.message} (expected ${f.expected}, actual ${f.actual})` },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.file) }, region: { startLine: line, startColumn: column } }, logicalLocations: [{ name: f.node, kind: "element" }] }],
    properties: {
      packet: f.packet,
      node: f.node,
      expected: f.expected,
      actual: f.actual,
      ...(packet?.placement === undefined ? {} : { flow: packet.placement }),
      ...(packet === undefined ? {} : { verdict: packet.verdict }),
    },
  };
}

/** `rules`: the metadata of the rules that ran, in the result's order. */
export function renderSarif(result: CheckResult, rules: SarifRule[], tool: SarifTool): string {
  const ids = rules.map((r) => r.id);
  const byIndex = new Map(result.packets.map((p) => [p.packet.index, p]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { ...tool, rules: rules.map(ruleDescriptor) } },
        results: result.findings.map((f) => sarifResult(f, ids.indexOf(f.rule), byIndex.get(f.packet.index))),
        properties: { summary: result.summary },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
