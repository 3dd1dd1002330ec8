/**
 * What a user gets from the package: `npm pack`'s tarball installed as `npm install -g`
 * would, into a folder of its own, with no devDependencies (so no TypeScript), and its
 * `vpptrace` run on a sample. The build is the one `npm test` just made: packing without
 * scripts does not rebuild under the other tests' feet.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { root, samplesDir } from "../helpers.js";

const work = mkdtempSync(join(tmpdir(), "vpptrace-install-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const run = (file: string, args: string[], cwd: string): Promise<Run> =>
  new Promise((resolve) => {
    execFile(file, args, { cwd, maxBuffer: 16 << 20, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr }),
    );
  });

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; bin: Record<string, string>; devDependencies: Record<string, string> };

describe("the packed package", () => {
  it("installs without devDependencies and runs `vpptrace check` on a sample", async () => {
    const packed = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], root);
    expect(packed.code).toBe(0);
    const [{ filename }] = JSON.parse(packed.stdout) as { filename: string }[];
    const prefix = join(work, "prefix");
    const installed = await run("npm", ["install", "-g", "--prefix", prefix, "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", join(work, filename)], work);
    expect(installed.stderr).not.toMatch(/ERR!/);
    expect(installed.code).toBe(0);
    const home = join(prefix, "lib", "node_modules", pkg.name);
    // The bin package.json names is in the tarball; no devDependency came with it.
    expect(existsSync(join(home, pkg.bin.vpptrace))).toBe(true);
    for (const dev of Object.keys(pkg.devDependencies)) expect(existsSync(join(home, "node_modules", dev))).toBe(false);
    const checked = await run(join(prefix, "bin", "vpptrace"), ["check", "--cluster", join(samplesDir, "cluster.yaml"), join(samplesDir, "pod-to-pod-same-node-request.txt")], work);
    expect(checked.stderr).toBe("");
    expect(checked.stdout).toContain("1 packet: 1 conform, 0 violate");
    expect(checked.code).toBe(0);
    const version = await run(join(prefix, "bin", "vpptrace"), ["--version"], work);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(home, "package.json"), "utf8")).version);
  }, 300_000);
});
