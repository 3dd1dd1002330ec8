/**
 * `-o FILE` is written whole or not at all: a temporary file beside it, renamed into place.
 * Killed mid-write or failing on the file size limit, `report` and `pcap` leave the previous
 * file as it was and no temporary file behind.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFileAtomically } from "../../src/cli/atomic-file.js";
import { root, sampleText } from "../helpers.js";

const bin = join(root, "dist", "src", "cli", "bin.js");
const dir = mkdtempSync(join(tmpdir(), "vpptrace-atomic-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const OLD = "the previous report\n";

/** A trace of many packets: its report takes several MB to write. */
const big = join(dir, "big.txt");
writeFileSync(big, Array.from({ length: 600 }, () => `${sampleText("pod-to-pod-same-node-request.txt")}\n`).join(""));

const temporaries = (folder: string): string[] => readdirSync(folder).filter((n) => n.endsWith(".tmp"));

describe("writing a file atomically", () => {
  it("replaces the previous file whole and keeps its permissions", async () => {
    const out = join(dir, "mode.txt");
    writeFileSync(out, OLD);
    chmodSync(out, 0o640);
    await writeFileAtomically(out, "new\n");
    expect(readFileSync(out, "utf8")).toBe("new\n");
    expect(statSync(out).mode & 0o777).toBe(0o640);
    expect(temporaries(dir)).toEqual([]);
  });

  it("writes through a symbolic link to the file it names, leaving the link a link", async () => {
    const folder = join(dir, "link");
    mkdirSync(folder);
    writeFileSync(join(folder, "real.html"), OLD);
    symlinkSync(join(folder, "real.html"), join(folder, "alias.html"));
    await writeFileAtomically(join(folder, "alias.html"), "new\n");
    expect(lstatSync(join(folder, "alias.html")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(folder, "real.html"), "utf8")).toBe("new\n");
  });

  it("leaves the previous file and no temporary one when the write fails", async () => {
    const folder = join(dir, "readonly");
    mkdirSync(folder);
    writeFileSync(join(folder, "out.html"), OLD);
    chmodSync(folder, 0o500);
    try {
      // As root the folder stays writable: nothing to fail on then.
      if (process.getuid?.() === 0) return;
      await expect(writeFileAtomically(join(folder, "out.html"), "new\n")).rejects.toThrow(/EACCES/);
      expect(readFileSync(join(folder, "out.html"), "utf8")).toBe(OLD);
      expect(temporaries(folder)).toEqual([]);
    } finally {
      chmodSync(folder, 0o700);
    }
  });
});

describe.skipIf(!existsSync(bin))("the built CLI's -o", () => {
  it("leaves the old report intact and no temporary file when report is killed mid-write", async () => {
    const folder = join(dir, "killed");
    mkdirSync(folder);
    const out = join(folder, "report.html");
    writeFileSync(out, OLD);
    const child = spawn(process.execPath, [bin, "report", big, "-o", out], { cwd: root, stdio: "ignore" });
    // Killed the moment the temporary file appears: the run is then writing the report.
    const watcher = watch(folder, (_event, name) => {
      if (name?.endsWith(".tmp") === true) child.kill("SIGTERM");
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("close", (_code, sig) => resolve(sig)));
    watcher.close();
    const after = readFileSync(out, "utf8");
    // Either the kill came before the rename (the old file, byte for byte) or after it (the
    // whole new report); never a part of one.
    if (signal === "SIGTERM") expect(after).toBe(OLD);
    else expect(after.trimEnd().endsWith("</html>")).toBe(true);
    expect(temporaries(folder)).toEqual([]);
  }, 60_000);

  it("leaves the old report intact when the file size limit stops the write (EFBIG)", () => {
    for (const command of [["report"], ["pcap"]]) {
      const folder = join(dir, `efbig-${command[0]}`);
      mkdirSync(folder);
      const out = join(folder, "out");
      writeFileSync(out, OLD);
      // ulimit -f counts 1 KiB blocks: 64 KiB is far less than either output.
      const run = spawnSync("bash", ["-c", `ulimit -f 64; exec "$0" "$@"`, process.execPath, bin, ...command, big, "-o", out], { cwd: root, encoding: "utf8" });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/cannot write the (report|capture) to '.*out': EFBIG/);
      expect(readFileSync(out, "utf8")).toBe(OLD);
      expect(temporaries(folder)).toEqual([]);
    }
  }, 60_000);
});
