/**
 * A large, realistic `show trace` for the benchmark and the streaming tests: the guide's
 * packets re-framed as VPP prints a full dump (thread banners, `Packet N` restarting per
 * thread), with varied addresses and ports, and now and then a drop or an unknown node.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A guide sample's records, without its caption. */
function sampleBodies(samplesDir: string): string[] {
  return readdirSync(samplesDir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(join(samplesDir, f), "utf8"))
    .map((t) => t.replace(/^[^\n]*\n-+\n/, "").trimEnd())
    .filter((t) => /^\d\d:\d\d:\d\d:\d{6}: /.test(t));
}

/** Deterministic pseudo-random numbers (xorshift), so every run generates the same trace. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

const DROP = "  acl-plugin-out-ip4-fa: ACL deny packets";

const CLIENT_PORTS = [39820, 60996, 54252, 32966, 51082, 49710, 46310];
const hex4 = (n: number): string => n.toString(16).padStart(4, "0");

/**
 * Another connection of the same kind: the client's port changes everywhere it is printed —
 * decimal in the summaries, hexadecimal in the ACL's pkt info words and in the rewrite's hex
 * dump — so the packet stays self-consistent and checks clean (IPv4 checksums do not cover
 * ports). Now and then the packet is dropped or meets a plugin node vpptrace does not know.
 */
function vary(body: string, n: number, rnd: () => number): string {
  const port = 1024 + Math.floor(rnd() * 60000);
  let text = body;
  for (const old of CLIENT_PORTS) {
    if (!text.includes(String(old))) continue;
    text = text.replace(new RegExp(`\\b${old}\\b`, "g"), String(port));
    text = text.replace(/^(\s*(?:pkt info|[0-9a-f]{8}:) .*)$/gm, (line) => line.split(hex4(old)).join(hex4(port)));
  }
  if (rnd() < 0.02) text = text.replace(/\n(\d\d:\d\d:\d\d:\d{6}): (tap\d+|loop0|GigabitEthernet0\/8\/0)-output[\s\S]*$/, `\n$1: error-drop\n${DROP}`);
  if (rnd() < 0.05) text += `\n00:00:00:000001: my-plugin-node\n  my-plugin: widget ${n}, colour blue`;
  return text;
}

/** The trace as a sequence of pieces (a banner or a packet), so a 1 GB trace never has to
 *  be one string. */
export function* generateTracePieces(targetBytes: number, samplesDir: string, threads = 3, seed = 42): Generator<string> {
  const bodies = sampleBodies(samplesDir);
  const rnd = random(seed);
  let size = 0;
  const perThread = Math.ceil(targetBytes / threads);
  for (let t = 0; t < threads; t++) {
    const banner = `------------------- Start of thread ${t} ${t === 0 ? "vpp_main" : `vpp_wk_${t - 1}`} -------------------\n`;
    yield banner;
    size += banner.length;
    let threadSize = 0;
    for (let n = 1; threadSize < perThread && size < targetBytes; n++) {
      const packet = `Packet ${n}\n\n${vary(bodies[Math.floor(rnd() * bodies.length)], n, rnd)}\n\n`;
      yield packet;
      threadSize += packet.length;
      size += packet.length;
    }
  }
}

export function generateTrace(targetBytes: number, samplesDir: string, threads = 3, seed = 42): string {
  return [...generateTracePieces(targetBytes, samplesDir, threads, seed)].join("");
}
