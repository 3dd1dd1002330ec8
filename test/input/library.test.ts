/**
 * The library reads inputs as the CLI does: files, directories of them and gzip through
 * diskInputs(), the same judgement of an input that holds no trace.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { diskInputs, readPackets, UsageError } from "../../src/index.js";
import { samplesDir } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "vpptrace-library-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sample = join(samplesDir, "pod-to-host-request.txt");

describe("reading inputs through the library", () => {
  it("reads a trace file into the same packets the CLI reads", async () => {
    const packets = await readPackets([sample], diskInputs(), {});
    expect(packets.length).toBeGreaterThan(0);
    expect(packets[0].file).toBe(sample);
  });

  it("reads a gzipped trace inside a directory as its text", async () => {
    writeFileSync(join(dir, "t.txt.gz"), gzipSync(readFileSync(sample)));
    const plain = await readPackets([sample], diskInputs(), {});
    const zipped = await readPackets([dir], diskInputs(), {});
    expect(zipped.map((p) => p.records.map((r) => r.node))).toEqual(plain.map((p) => p.records.map((r) => r.node)));
  });

  it("throws a one-line UsageError for an input that holds no trace", async () => {
    const empty = join(dir, "empty.txt");
    writeFileSync(empty, "");
    await expect(readPackets([empty], diskInputs(), {})).rejects.toThrow(UsageError);
  });
});
