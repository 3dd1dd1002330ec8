import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_CLUSTER_BYTES } from "../../src/dataplanes/contiv/errors.js";
import { root, runCliCapture } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "vpptrace-cluster-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const trace = "samples/pod-to-host-request.txt";
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("--cluster FILE", () => {
  it("answers an alias bomb with exit 2 and one located line", async () => {
    const bomb = ["nodes: [{name: a, id: 1}]", "a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) bomb.push(`${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(9).fill(`*${"abcdefghi"[i - 1]}`).join(", ")}]`);
    const file = write("bomb.yaml", `${bomb.join("\n")}\n`);
    const run = await runCliCapture(["check", "--cluster", file, trace]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`vpptrace: invalid cluster description: ${file}:3:8: the YAML aliases expand to too many nodes (more than 100, as an alias bomb does); a cluster description needs none\n`);
  });

  it("lists several problems under one heading, each with its line:column and the value found", async () => {
    const file = write("bad.yaml", "nodes: [{name: a, id: 1}]\npods: [{ip: 10.1.1.3, swIfIndex: 1e400}]\nservices: [{vip: 10.96.0.10, port: 99999, endpoints: ['10.1.1.3:80']}]\n");
    const run = await runCliCapture(["expect", "--cluster", file, "--flow", "tcp 10.1.1.3:1 -> 10.1.1.4:80"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      [
        "vpptrace: invalid cluster description:",
        `  ${file}:2:34: /pods/0/swIfIndex: must be <= 4294967294, found Infinity`,
        `  ${file}:3:36: /services/0/port: must be <= 65535, found 99999`,
        "",
      ].join("\n"),
    );
  });

  it("refuses a file over 4 MB by its size, before reading it", async () => {
    const file = write("huge.yaml", `nodes: [{name: a, id: 1}]\n# ${"x".repeat(MAX_CLUSTER_BYTES)}\n`);
    const run = await runCliCapture(["check", "--cluster", file, trace]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^vpptrace: invalid cluster description: .*huge\.yaml:1:1: the cluster file holds more than 4 MB \(4194304 bytes\), the most read: 41943\d\d bytes; a cluster description is a few KB\n$/);
  });

  it.skipIf(!existsSync(join(root, "dist", "src", "cli", "bin.js")) || !existsSync("/dev/zero"))("reads at most a little over 4 MB of an endless file (/dev/zero)", () => {
    const run = spawnSync(process.execPath, [join(root, "dist", "src", "cli", "bin.js"), "check", "--cluster", "/dev/zero", trace], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^vpptrace: invalid cluster description: \/dev\/zero:1:1: the cluster file holds more than 4 MB/);
  }, 60_000);
});
