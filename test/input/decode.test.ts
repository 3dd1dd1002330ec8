/**
 * What an input is, judged from its bytes: each kind of file that is not `show trace` text
 * gets one line saying what it is and exit 2 after its first chunk; gzip and UTF-16 are read;
 * an endless stream with no trace stops at a bound. Inputs come from a CliIo whose readBytes
 * counts the chunks pulled, so the bounds are asserted in bytes read, not in time.
 */
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { firstInvalidByte, MAX_INVALID_UTF8, sniff } from "../../src/input/decode.js";
import { NON_TRACE_PREFIX } from "../../src/input/index.js";
import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/program.js";
import { runCliCapture, sampleText } from "../helpers.js";

const CHUNK = 1 << 16;
const sample = sampleText("pod-to-pod-same-node-request.txt");

interface Counted {
  code: number;
  stdout: string;
  stderr: string;
  /** Chunks of CHUNK bytes pulled from the input. */
  pulled: number;
}

/** Runs the CLI on stdin made of `chunk(i)` for i = 0, 1, … (endless unless it returns
 *  undefined), counting the chunks the CLI pulls. */
async function runOnChunks(argv: string[], chunk: (i: number) => Uint8Array | undefined): Promise<Counted> {
  let stdout = "";
  let stderr = "";
  let pulled = 0;
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: async () => "",
    readBytes: async function* () {
      for (let i = 0; ; i++) {
        const next = chunk(i);
        if (next === undefined) return;
        pulled++;
        yield next;
      }
    },
  };
  const code = await runCli([...argv, "-"], io);
  return { code, stdout, stderr, pulled };
}

/** The whole of `bytes` in CHUNK-byte pieces, then nothing. */
const pieces = (bytes: Uint8Array) => (i: number) => (i * CHUNK < bytes.length ? bytes.subarray(i * CHUNK, (i + 1) * CHUNK) : undefined);
/** CHUNK pseudo-random bytes, the same on every run (a linear congruential generator). */
function randomChunk(seed: number): Buffer {
  const chunk = Buffer.alloc(CHUNK);
  let state = seed;
  for (let i = 0; i < CHUNK; i++) chunk[i] = (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24;
  return chunk;
}
/** `bytes` at the start of an endless stream of random bytes. */
const thenRandom = (bytes: number[]) => (i: number) => {
  const chunk = randomChunk(i + 1);
  if (i === 0) chunk.set(bytes);
  return chunk;
};

describe("input sniffing", () => {
  it.each([
    ["a pcap capture", [0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00]],
    ["a pcap capture", [0xa1, 0xb2, 0xc3, 0xd4, 0x00, 0x02, 0x00, 0x04]],
    ["a pcap capture", [0x4d, 0x3c, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00]],
    ["a pcapng capture", [0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0x00, 0x00, 0x00]],
    ["a zip archive", [0x50, 0x4b, 0x03, 0x04]],
    ["an xz-compressed file", [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
    ["a bzip2-compressed file", [0x42, 0x5a, 0x68, 0x39]],
    ["a zstd-compressed file", [0x28, 0xb5, 0x2f, 0xfd]],
    ["a PNG image", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ["a JPEG image", [0xff, 0xd8, 0xff, 0xe0]],
    ["a PDF document", [...Buffer.from("%PDF-1.7")]],
    ["an executable (ELF)", [0x7f, 0x45, 0x4c, 0x46]],
  ])("says the input is %s, at 1:1 with exit 2, after reading one chunk", async (what, magic) => {
    const run = await runOnChunks(["parse"], thenRandom(magic));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^vpptrace: -:1:1: error: the input is ${what.replace(/[()]/g, "\\$&")}, not \`show trace\` text; .+\n$`));
    expect(run.pulled).toBe(1);
  });

  it("says UTF-16 text without a byte order mark is that, and how to convert it", async () => {
    const run = await runOnChunks(["parse"], pieces(Buffer.from(sample, "utf16le")));
    expect(run.stderr).toBe("vpptrace: -:1:1: error: the input is UTF-16LE text without a byte order mark, not `show trace` text; convert it to UTF-8 (iconv -f UTF-16LE -t UTF-8)\n");
    expect(run.pulled).toBe(1);
  });

  it.each([
    ["random bytes", (i: number) => (i < 256 ? randomChunk(i + 7) : undefined)],
    ["zeros (/dev/zero)", () => Buffer.alloc(CHUNK)],
  ])("refuses %s as binary data after reading the first chunk of 16 MB", async (_what, chunk) => {
    const run = await runOnChunks(["check"], chunk);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^vpptrace: -:\d+:\d+: error: the input is binary data \(.*\), not `show trace` text\n$/);
    expect(run.pulled).toBe(1);
  });

  it("refuses a NUL byte in the middle of a trace at its line and column", async () => {
    const text = Buffer.from(`${sample}\n  tail\u0000x\n`);
    const run = await runCliCapture(["parse", "-f", "json", "-"], text);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`vpptrace: -:${sample.split("\n").length + 1}:7: error: the input is binary data (a NUL byte), not \`show trace\` text\n`);
  });
});

describe("text encodings and compression", () => {
  const plain = async () => (await runCliCapture(["parse", "-f", "ndjson", "-"], sample)).stdout;

  it("reads a gzip-compressed trace as the trace (vppctl show trace | gzip)", async () => {
    const run = await runCliCapture(["parse", "-f", "ndjson", "-"], gzipSync(sample));
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe(await plain());
  });

  it("refuses what a gzip file holds when that is no text, after one chunk", async () => {
    const zeros = gzipSync(Buffer.alloc(64 << 20));
    const run = await runOnChunks(["parse"], pieces(zeros));
    expect(run.stderr).toMatch(/error: the input is binary data \(a NUL byte\)/);
    expect(run.pulled).toBeLessThanOrEqual(2);
  }, 60_000);

  it("says a damaged gzip file is damaged", async () => {
    const run = await runCliCapture(["parse", "-"], gzipSync(sample).subarray(0, 200));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^vpptrace: -:\d+:\d+: error: the input is a damaged gzip file \(unexpected end of file\)\n$/);
  });

  it.each([
    ["UTF-16LE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, "utf16le")])],
    ["UTF-16BE", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(sample, "utf16le").swap16()])],
  ])("decodes %s with a byte order mark", async (_encoding, bytes) => {
    const run = await runCliCapture(["parse", "-f", "ndjson", "-"], bytes, 1001);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe(await plain());
  });

  it("reads U+FFFD written as valid UTF-8 as text, and never calls it 'not UTF-8'", async () => {
    const run = await runCliCapture(["parse", "-f", "ndjson", "-"], `# a note with \ufffd in it\n${sample}`);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).not.toMatch(/UTF-8/);
  });

  it("reads a few bytes that are not UTF-8 as U+FFFD, with one warning at the first", async () => {
    const bytes = Buffer.concat([Buffer.from("# caf"), Buffer.from([0xe9]), Buffer.from(" cr"), Buffer.from([0xe8, 0x6d]), Buffer.from(`e\n${sample}`)]);
    const run = await runCliCapture(["parse", "-f", "json", "-"], bytes);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).diagnostics).toContainEqual({ severity: "warning", file: "-", line: 1, column: 6, message: "2 byte sequences that are not UTF-8 read as U+FFFD (the first here)" });
  });

  it(`refuses more than ${MAX_INVALID_UTF8} such sequences as binary data, at the first`, async () => {
    const bytes = Buffer.concat([Buffer.from(`${sample}\n# `), Buffer.alloc(MAX_INVALID_UTF8 + 1, 0xff), Buffer.from("\n")]);
    const run = await runCliCapture(["parse", "-"], bytes);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`-:${sample.split("\n").length + 1}:3: error: the input is binary data (more than ${MAX_INVALID_UTF8} byte sequences that are not UTF-8, the first here)`);
  });

  it("finds the first byte that is not UTF-8 as RFC 3629 defines it", () => {
    expect(firstInvalidByte(Buffer.from("héllo ✓ 😀"))).toBe(-1);
    expect(firstInvalidByte(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1); // overlong
    expect(firstInvalidByte(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // surrogate
    expect(firstInvalidByte(Buffer.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2); // cut short
    expect(firstInvalidByte(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // past U+10FFFF
  });

  it("sniffs plain text, and an empty input, as text", () => {
    expect(sniff(Buffer.from(sample))).toEqual({ kind: "text" });
    expect(sniff(Buffer.alloc(0))).toEqual({ kind: "text" });
  });
});

describe("input with no trace in it", () => {
  const yes = Buffer.from("y\n".repeat(CHUNK / 2));

  it(`stops an endless stream with no trace (yes | vpptrace parse) after ${NON_TRACE_PREFIX / 1e6} MB`, async () => {
    const run = await runOnChunks(["parse"], () => yes);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`vpptrace: -:1:1: error: no VPP trace in the input: expected a record header such as '01:48:51:256986: virtio-input', found 'y'; stopped reading after 8.0 MB without one (--max-bytes sets how much is read)\n`);
    expect(run.pulled * CHUNK).toBeLessThanOrEqual(NON_TRACE_PREFIX + CHUNK);
    expect(run.pulled * CHUNK).toBeGreaterThan(NON_TRACE_PREFIX);
  }, 60_000);

  it("stops it at --max-bytes when that is given", async () => {
    const run = await runOnChunks(["check", "--max-bytes", "1MB"], () => yes);
    expect(run.code).toBe(2);
    expect(run.pulled * CHUNK).toBeLessThanOrEqual(1e6 + CHUNK);
  }, 60_000);

  it("reads a trace that follows text shorter than the bound", async () => {
    const run = await runCliCapture(["parse", "-f", "ndjson", "-"], `${"\n".repeat(1_000_000)}${sample}`, CHUNK);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(1);
  }, 60_000);

  it("counts --max-bytes in bytes, not UTF-16 code units", async () => {
    const preamble = `# ${"é".repeat(1000)}\n`; // 2002 bytes, 1002 code units
    const text = `${preamble}${sample}`;
    const run = await runCliCapture(["parse", "-f", "json", "--max-bytes", String(text.length), "-"], text);
    expect(run.stderr).toContain(`stopped after ${text.length} bytes of input (--max-bytes)`);
    const whole = await runCliCapture(["parse", "-f", "json", "--max-bytes", String(Buffer.byteLength(text)), "-"], text);
    expect(whole.stderr).not.toContain("stopped after");
  });
});
