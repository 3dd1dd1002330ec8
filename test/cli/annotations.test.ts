import { Ajv } from "ajv";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliCapture, root } from "../helpers.js";
import { badTtlTrace, inject } from "../rules/fault.js";

const dir = mkdtempSync(join(tmpdir(), "vpptrace-annotations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const badTtl = join(dir, "bad-ttl.txt");
writeFileSync(badTtl, badTtlTrace());
const badTtlLines = readFileSync(badTtl, "utf8").split("\n");

/** The regular expression of VS Code's `$gcc` problem matcher (vscode, problemMatcher.ts). */
const GCC = /^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$/;

describe("finding lines for editors and CI log parsers", () => {
  it("match VS Code's $gcc problem matcher and name the line and column of the wrong TTL", async () => {
    const run = await runCliCapture(["check", "--cluster", "samples/cluster.yaml", badTtl]);
    const matched = run.stdout.split("\n").map((l) => GCC.exec(l)).filter((m) => m !== null);
    expect(matched).toHaveLength(2);
    for (const [, file, line, column, severity, message] of matched) {
      expect(file).toBe(badTtl);
      expect(severity).toBe("error");
      expect(message).toMatch(/\(expected ttl 63, actual ttl 64\) \[ttl-decrement\]$/);
      expect(Number(line)).toBeGreaterThan(0);
      expect(Number(column)).toBeGreaterThan(0);
    }
    // The print at tap8-output: the finding is on the `tos …, ttl 64` line, at `ttl`, not
    // on the record's header four lines above.
    const printed = matched.find((m) => m[5].includes("tap8-output"))!;
    expect(badTtlLines[Number(printed[2]) - 1].slice(Number(printed[3]) - 1)).toMatch(/^ttl 64,/);
    expect(badTtlLines[Number(printed[2]) - 5]).toMatch(/tap8-output$/);
    // ip4-rewrite's: on its hex dump, at the TTL byte (0x40, 64).
    const dumped = matched.find((m) => m[5].startsWith("ip4-rewrite"))!;
    const dumpLine = badTtlLines[Number(dumped[2]) - 1];
    expect(dumpLine).toMatch(/^\s+0000000\d: /);
    expect(dumpLine.slice(Number(dumped[3]) - 1, Number(dumped[3]) + 1)).toBe("40");
  });

  it("point a checksum finding at the printed checksum", async () => {
    const bad = join(dir, "bad-checksum.txt");
    writeFileSync(bad, inject("pod-to-pod-same-node-request.txt", ["tos 0x00, ttl 63, length 60, checksum 0xf187", "tos 0x00, ttl 63, length 60, checksum 0xf188"]));
    const run = await runCliCapture(["check", "--rule", "ip4-checksum", bad]);
    const [, , line, column] = run.stdout.split("\n").map((l) => GCC.exec(l)).find((m) => m !== null)!;
    expect(readFileSync(bad, "utf8").split("\n")[Number(line) - 1].slice(Number(column) - 1)).toBe("checksum 0xf188");
  });
});

/** A workflow command as the runner reads it (actions/runner, ActionCommand.TryParseV2),
 *  properties and message unescaped. */
function parseWorkflowCommand(line: string): { command: string; properties: Record<string, string>; message: string } | undefined {
  const m = /^::([a-z]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (m === null) return undefined;
  const unescape = (s: string): string => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
  const properties: Record<string, string> = {};
  for (const pair of (m[2] ?? "").split(",")) {
    const at = pair.indexOf("=");
    properties[pair.slice(0, at)] = unescape(pair.slice(at + 1));
  }
  return { command: m[1], properties, message: unescape(m[3]) };
}

describe("check --format github", () => {
  it("prints one workflow command per finding, at the value's line and column", async () => {
    const run = await runCliCapture(["check", "-f", "github", "--cluster", "samples/cluster.yaml", badTtl]);
    expect(run.code).toBe(1);
    const commands = run.stdout.trimEnd().split("\n").map(parseWorkflowCommand);
    expect(commands).toHaveLength(2);
    for (const c of commands) {
      expect(c).toMatchObject({ command: "error", properties: { file: badTtl, title: "vpptrace ttl-decrement" } });
      expect(c!.message).toContain("(expected ttl 63, actual ttl 64)");
    }
    const printed = commands.find((c) => c!.message.includes("tap8-output"))!;
    expect(badTtlLines[Number(printed.properties.line) - 1].slice(Number(printed.properties.col) - 1)).toMatch(/^ttl 64,/);
  });

  it("escapes a file name and caption that hold %, :, commas and line breaks", async () => {
    const odd = join(dir, "50%, a:b\nc.txt");
    writeFileSync(odd, readFileSync(badTtl, "utf8"));
    const run = await runCliCapture(["check", "-f", "github", odd]);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.every((l) => l.startsWith("::error "))).toBe(true);
    expect(parseWorkflowCommand(lines[0])!.properties.file).toBe(odd);
    expect(lines[0]).toContain("/50%25%2C a%3Ab%0Ac.txt,line=");
  });

  it("appends a Markdown summary to $GITHUB_STEP_SUMMARY when the job sets it", async () => {
    const summary = join(dir, "step-summary.md");
    writeFileSync(summary, "earlier step\n");
    const env = { GITHUB_STEP_SUMMARY: summary };
    const appendFile = async (path: string, text: string) => writeFileSync(path, text, { flag: "a" });
    await runCliCapture(["check", "-f", "github", "--cluster", "samples/cluster.yaml", badTtl], "", 4096, { env, appendFile });
    const text = readFileSync(summary, "utf8");
    expect(text).toMatch(/^earlier step\n## ❌ vpptrace check\n/);
    expect(text).toContain("1 packet: 0 conform, 1 violate");
    // Trace text is Markdown-escaped (`bad\-ttl\.txt\:43\:15` shows as bad-ttl.txt:43:15).
    expect(text).toMatch(/\| error \| `ttl-decrement` \| .*bad\\-ttl\\\.txt\\:\d+\\:15 \| ttl 63 \| ttl 64 \|/);
  });

  it("marks the summary as the gate decides: passed with only warnings, failed when nothing could be checked", async () => {
    const summary = join(dir, "gate-summary.md");
    const appendFile = async (path: string, text: string) => writeFileSync(path, text, { flag: "a" });
    const env = { GITHUB_STEP_SUMMARY: summary };
    writeFileSync(summary, "");
    const warned = join(dir, "warn.json");
    writeFileSync(warned, JSON.stringify({ rules: { "ttl-decrement": "warn" } }));
    expect((await runCliCapture(["check", "-f", "github", "--config", warned, "--cluster", "samples/cluster.yaml", badTtl], "", 4096, { env, appendFile })).code).toBe(0);
    expect(readFileSync(summary, "utf8")).toMatch(/^## ✅ vpptrace check\n/);
    writeFileSync(summary, "");
    // Without the cluster, the host's address places nothing: a run that checked nothing fails.
    expect((await runCliCapture(["check", "-f", "github", "samples/pod-to-host-request.txt"], "", 4096, { env, appendFile })).code).toBe(1);
    expect(readFileSync(summary, "utf8")).toMatch(/^## ❌ vpptrace check\n/);
    expect(readFileSync(summary, "utf8")).toContain("| unchecked |");
  });

  it("writes no summary when $GITHUB_STEP_SUMMARY is not set", async () => {
    let appended = false;
    const run = await runCliCapture(["check", "-f", "github", "--cluster", "samples/cluster.yaml", "samples/pod-to-host-request.txt"], "", 4096, { env: {}, appendFile: async () => void (appended = true) });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(appended).toBe(false);
  });
});

describe("check --format sarif", () => {
  const schema = JSON.parse(readFileSync(join(root, "test/fixtures/sarif/sarif-schema-2.1.0.json"), "utf8"));

  async function validator() {
    // A CommonJS module whose exports are the plugin, with itself as `default`.
    const { default: formats } = await import("ajv-formats");
    const ajv = new Ajv({ allErrors: true, strict: false });
    formats.default(ajv);
    return ajv.compile(schema);
  }

  it("validates against the official SARIF 2.1.0 schema, with and without findings", async () => {
    const validate = await validator();
    for (const files of [[badTtl], ["samples/pod-to-host-request.txt"]]) {
      const run = await runCliCapture(["check", "-f", "sarif", "--cluster", "samples/cluster.yaml", ...files]);
      const log = JSON.parse(run.stdout);
      validate(log);
      expect(validate.errors ?? []).toEqual([]);
    }
    // The schema bites: a result without a message is not SARIF.
    const broken = JSON.parse((await runCliCapture(["check", "-f", "sarif", badTtl])).stdout);
    delete broken.runs[0].results[0].message;
    expect(validate(broken)).toBe(false);
  });

  it("carries the rule table with help texts and each finding's rule, level, region, packet and flow", async () => {
    const run = await runCliCapture(["check", "-f", "sarif", "--cluster", "samples/cluster.yaml", badTtl]);
    expect(run.code).toBe(1);
    const [sarifRun] = JSON.parse(run.stdout).runs;
    const driver = sarifRun.tool.driver;
    expect(driver).toMatchObject({ name: "vpptrace", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(driver.rules.map((r: { id: string }) => r.id)).toContain("ttl-decrement");
    const ttlRule = driver.rules.find((r: { id: string }) => r.id === "ttl-decrement");
    expect(ttlRule.help.text).toContain("--skip ttl-decrement");
    expect(sarifRun.results).toHaveLength(2);
    const printed = sarifRun.results.find((r: { properties: { node: string } }) => r.properties.node === "tap8-output");
    expect(printed).toMatchObject({
      ruleId: "ttl-decrement",
      level: "error",
      ruleIndex: driver.rules.indexOf(ttlRule),
      properties: { verdict: "violates", packet: { index: 1, label: "SYN" }, flow: { scenario: "pod-to-pod-same-node", direction: "request" } },
    });
    const { artifactLocation, region } = printed.locations[0].physicalLocation;
    expect(artifactLocation.uri).toBe(`file://${badTtl}`);
    expect(badTtlLines[region.startLine - 1].slice(region.startColumn - 1)).toMatch(/^ttl 64,/);
  });
});
