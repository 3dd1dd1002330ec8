/**
 * Where the configuration file is looked for: from the current folder up to the repository's
 * root or the home folder, regular files only, one per folder; the file in use is named on
 * stderr when it changes the verdict. A FIFO found by name (the configuration, its cluster,
 * $GITHUB_STEP_SUMMARY) is an error naming it, never a wait: these tests would hang otherwise.
 */
import { spawnSync } from "node:child_process";
import { appendFile } from "node:fs/promises";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliCapture, samplesDir } from "../helpers.js";
import { badTtlTrace } from "../rules/fault.js";

const dir = mkdtempSync(join(tmpdir(), "vpptrace-discovery-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const badTtl = join(dir, "bad-ttl.txt");
writeFileSync(badTtl, badTtlTrace());
const runIn = (cwd: string, argv: string[], env: Record<string, string> = {}) => runCliCapture(argv, "", 4096, { cwd, env });
const PASS_ALL = "failOn: none\n";
const fifo = (path: string): void => void spawnSync("mkfifo", [path]);

/** outer/vpptrace.config.yaml (passes everything) above outer/repo (a repository). */
function repository(name: string, gitIsFile = false): string {
  const outer = join(dir, name);
  const repo = join(outer, "repo");
  mkdirSync(join(repo, "traces"), { recursive: true });
  writeFileSync(join(outer, "vpptrace.config.yaml"), PASS_ALL);
  if (gitIsFile) writeFileSync(join(repo, ".git"), "gitdir: ../elsewhere\n");
  else mkdirSync(join(repo, ".git"));
  return repo;
}

describe("looking for the configuration file", () => {
  it("stops at the repository's root: a failOn: none above it does not pass a violation", async () => {
    for (const gitIsFile of [false, true]) {
      const repo = repository(`above-${gitIsFile}`, gitIsFile);
      const run = await runIn(join(repo, "traces"), ["check", badTtl]);
      expect(run.code).toBe(1);
      expect(run.stderr).not.toContain("vpptrace.config.yaml");
    }
  });

  it("finds the one at the repository's root itself", async () => {
    const repo = repository("at-root");
    writeFileSync(join(repo, "vpptrace.config.yaml"), PASS_ALL);
    const run = await runIn(join(repo, "traces"), ["check", badTtl]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`vpptrace: configuration ${join(repo, "vpptrace.config.yaml")}: failOn none\n`);
  });

  it("stops at the home folder", async () => {
    const outer = join(dir, "home-outer");
    const home = join(outer, "me");
    mkdirSync(join(home, "work"), { recursive: true });
    writeFileSync(join(outer, "vpptrace.config.yaml"), PASS_ALL);
    const run = await runIn(join(home, "work"), ["check", badTtl], { HOME: home });
    expect(run.code).toBe(1);
  });

  it("refuses two configuration files in one folder, naming both", async () => {
    const both = join(dir, "both");
    mkdirSync(both);
    writeFileSync(join(both, "vpptrace.config.yaml"), PASS_ALL);
    writeFileSync(join(both, "vpptrace.config.json"), "{}");
    const run = await runIn(both, ["check", badTtl]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`vpptrace: two configuration files in '${both}': vpptrace.config.yaml and vpptrace.config.json; keep one, or name it with --config\n`);
  });

  it("names the configuration when it changes the verdict, and with --verbose always", async () => {
    const quiet = join(dir, "names");
    mkdirSync(quiet);
    const file = join(quiet, "vpptrace.config.yaml");
    writeFileSync(file, "rules:\n  ttl-decrement: warn\n");
    expect((await runIn(quiet, ["check", badTtl])).stderr).toContain(`vpptrace: configuration ${file}: rules ttl-decrement warn\n`);
    writeFileSync(file, "diff:\n  only: [ttl]\n");
    expect((await runIn(quiet, ["check", badTtl])).stderr).not.toContain("configuration");
    expect((await runIn(quiet, ["check", "--verbose", badTtl])).stderr).toContain(`vpptrace: configuration ${file}\n`);
    writeFileSync(file, "diff:\n  ignore: [ttl]\n");
    expect((await runIn(quiet, ["diff", join(samplesDir, "pod-to-pod-same-node-request.txt"), badTtl])).stderr).toContain(`vpptrace: configuration ${file}: ignore ttl\n`);
  });
});

describe.skipIf(spawnSync("mkfifo", ["--version"]).status !== 0)("a FIFO where vpptrace looks for a file", () => {
  it("as vpptrace.config.yaml is an error naming it", async () => {
    const folder = join(dir, "fifo-config");
    mkdirSync(folder);
    fifo(join(folder, "vpptrace.config.yaml"));
    const run = await runIn(folder, ["check", badTtl]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`vpptrace: ${join(folder, "vpptrace.config.yaml")}:1:1: error: cannot read the configuration: it is a FIFO, not a regular file (--no-config reads none, --config names one)\n`);
  });

  it("as the configuration's cluster is an error naming it", async () => {
    const folder = join(dir, "fifo-cluster");
    mkdirSync(folder);
    fifo(join(folder, "cluster.yaml"));
    writeFileSync(join(folder, "vpptrace.config.yaml"), "cluster: cluster.yaml\n");
    const run = await runIn(folder, ["check", badTtl]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the configuration's cluster '${join(folder, "cluster.yaml")}' is a FIFO, not a regular file`);
  });

  it("as $GITHUB_STEP_SUMMARY is an error naming it", async () => {
    const summary = join(dir, "summary.fifo");
    fifo(summary);
    const run = await runCliCapture(["check", "--no-config", "-f", "github", badTtl], "", 4096, { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary }, appendFile: (path, text) => appendFile(path, text) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot append the step summary to '${summary}' ($GITHUB_STEP_SUMMARY): it is a FIFO, not a regular file`);
  });

  it("named by the user as the trace is read as cat reads it", () => {
    const bin = join(samplesDir, "..", "dist", "src", "cli", "bin.js");
    const run = spawnSync("bash", ["-c", `node "$0" check --no-config <(cat "$1")`, bin, join(samplesDir, "pod-to-pod-same-node-request.txt")], { encoding: "utf8" });
    expect(run.stdout).toContain("1 packet: 1 conform");
    expect(run.status).toBe(0);
  });
});
