import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliCapture, samplesDir } from "../helpers.js";
import { badTtlTrace } from "../rules/fault.js";

const dir = mkdtempSync(join(tmpdir(), "vpptrace-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A project: the guide's cluster file and a configuration at its root, run from two
 *  folders below. */
const project = join(dir, "project");
const deep = join(project, "traces", "today");
mkdirSync(deep, { recursive: true });
copyFileSync(join(samplesDir, "cluster.yaml"), join(project, "guide-cluster.yaml"));
const badTtl = join(deep, "bad-ttl.txt");
writeFileSync(badTtl, badTtlTrace());
const configFile = join(project, "vpptrace.config.yaml");
writeFileSync(configFile, "# the project's settings\ncluster: guide-cluster.yaml\nrules:\n  ttl-decrement: warn\n");

const runIn = (cwd: string, argv: string[]) => runCliCapture(argv, "", 4096, { cwd });

describe("configuration file", () => {
  it("is found in a folder above the current one, and its cluster and rule levels apply", async () => {
    const run = await runIn(deep, ["check", badTtl]);
    // The guide's cluster names the node k8s-master (Contiv's defaults would say node-1).
    expect(run.stdout).toContain("pod-to-pod-same-node request on k8s-master");
    expect(run.stdout).toMatch(/bad-ttl\.txt:\d+:\d+: warning: .*\[ttl-decrement\]/);
    expect(run.stdout).toContain("(0 errors, 2 warnings)");
    expect(run.code).toBe(0);
  });

  it("is ignored with --no-config", async () => {
    const run = await runIn(deep, ["check", "--no-config", badTtl]);
    expect(run.stdout).toContain("pod-to-pod-same-node request on node-1");
    expect(run.stdout).toMatch(/bad-ttl\.txt:\d+:\d+: error: .*\[ttl-decrement\]/);
    expect(run.code).toBe(1);
  });

  it("is named with --config, and the command line overrides it", async () => {
    const other = join(dir, "strict.json");
    writeFileSync(other, JSON.stringify({ rules: { "ttl-decrement": "off" }, failOn: ["violates", "unchecked"] }));
    const off = await runIn(deep, ["check", "--config", other, "--cluster", join(samplesDir, "cluster.yaml"), badTtl]);
    expect(off.code).toBe(0);
    expect(off.stdout).toContain("rules: acl-action, drop, egress, hexdump, ingress, ip4-checksum, nat-session, nat-translation, path, pkt-info, rewrite-mac, vxlan\n");
    // --rule names a rule the file turns off: it runs; failOn from the file still applies.
    const named = await runIn(deep, ["check", "--config", other, "--rule", "ttl-decrement", badTtl]);
    expect(named.stdout).toContain("[ttl-decrement]");
    expect(named.code).toBe(1);
    // The file's failOn fails an unchecked packet, which the default would let pass.
    const unchecked = await runIn(deep, ["check", "--config", other, join(samplesDir, "pod-to-host-request.txt")]);
    expect(unchecked.stderr).toContain("--fail-on violates,unchecked");
    expect(unchecked.code).toBe(1);
  });

  it("sets diff's masks", async () => {
    const config = join(dir, "diff.yaml");
    writeFileSync(config, "diff:\n  ignore: [ttl]\n");
    const same = join(samplesDir, "pod-to-pod-same-node-request.txt");
    expect((await runIn(deep, ["diff", "--no-config", same, badTtl])).code).toBe(1);
    expect((await runIn(deep, ["diff", "--config", config, same, badTtl])).code).toBe(0);
  });

  it("that is broken stops the run with exit 2 and the file:line:column of each problem", async () => {
    const broken = join(dir, "broken");
    mkdirSync(broken);
    writeFileSync(join(broken, "vpptrace.config.yml"), "cluster: c.yaml\nrules:\n  ttl-decrement: warning\n  no-such-rule: off\nfailOn: sometimes\nclustr: x\n");
    const run = await runIn(broken, ["check", badTtl]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const file = join(broken, "vpptrace.config.yml");
    expect(run.stderr).toContain(`${file}:3:18: /rules/ttl-decrement: must be one of "off", "warn", "error", found "warning"`);
    expect(run.stderr).toContain(`${file}:6:1: /: unknown key 'clustr'; did you mean 'cluster'?`);
    expect(run.stderr).toContain(`${file}:5:9: /failOn: must be one of "violates", "unchecked", "incomplete", "none", found "sometimes"`);
  });

  it("names an unknown rule id where it stands, and YAML syntax errors where they are", async () => {
    const unknown = join(dir, "unknown-rule.yaml");
    writeFileSync(unknown, "rules:\n  ttl-decrement: warn\n  ttl: off\n");
    const run = await runIn(deep, ["check", "--config", unknown, badTtl]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`vpptrace: invalid configuration: ${unknown}:3:3: /rules: unknown rule 'ttl'; rules: acl-action, drop, egress, hexdump, ingress, ip4-checksum, nat-session, nat-translation, path, pkt-info, rewrite-mac, ttl-decrement, vxlan\n`);
    const syntax = join(dir, "syntax.yaml");
    writeFileSync(syntax, "rules: {ttl-decrement: warn\n");
    const bad = await runIn(deep, ["check", "--config", syntax, badTtl]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`invalid configuration: ${syntax}:\\d+:\\d+: not valid YAML or JSON`));
  });

  it("that --config names but does not exist is a usage error", async () => {
    const run = await runIn(deep, ["check", "--config", join(dir, "missing.yaml"), badTtl]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing.yaml:1:1: error: cannot read the configuration");
  });
});
