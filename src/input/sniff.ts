/**
 * What an input is, from its first bytes: magic numbers of the files people mistake for a
 * trace (a pcap from `pcap trace`, an archive, an image of one) and of the encodings vpptrace
 * reads (gzip, UTF-16 with a byte order mark), and ASCII text in UTF-16 without one.
 */

/** Bytes looked at to tell what an input is. */
export const SNIFF_BYTES = 1024;

/** What the first bytes of an input say it is. */
export type Sniffed = { kind: "text" } | { kind: "gzip" } | { kind: "utf-16le" } | { kind: "utf-16be" } | { kind: "refused"; message: string };

export const refused = (what: string, advice: string): { kind: "refused"; message: string } => ({ kind: "refused", message: `the input is ${what}, not \`show trace\` text; ${advice}` });
const PCAP = "vpptrace reads the text `vppctl show trace` prints (a pcap is what `pcap trace` or tcpdump write: open it with tcpdump or Wireshark)";
const ARCHIVE = "extract the trace first (vpptrace reads gzip itself)";
const NOT_A_TRACE = "vpptrace reads the text `vppctl show trace` prints";

/** Magic numbers at the start of a file, and what they mean. */
const MAGIC: [number[], Sniffed][] = [
  [[0x1f, 0x8b], { kind: "gzip" }],
  [[0xef, 0xbb, 0xbf], { kind: "text" }], // UTF-8 byte order mark (normalisation removes it)
  [[0xff, 0xfe], { kind: "utf-16le" }],
  [[0xfe, 0xff], { kind: "utf-16be" }],
  [[0xd4, 0xc3, 0xb2, 0xa1], refused("a pcap capture", PCAP)],
  [[0xa1, 0xb2, 0xc3, 0xd4], refused("a pcap capture", PCAP)],
  [[0x4d, 0x3c, 0xb2, 0xa1], refused("a pcap capture", PCAP)],
  [[0xa1, 0xb2, 0x3c, 0x4d], refused("a pcap capture", PCAP)],
  [[0x0a, 0x0d, 0x0d, 0x0a], refused("a pcapng capture", PCAP)],
  [[0x50, 0x4b, 0x03, 0x04], refused("a zip archive", ARCHIVE)],
  [[0x50, 0x4b, 0x05, 0x06], refused("an empty zip archive", ARCHIVE)],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], refused("an xz-compressed file", ARCHIVE)],
  [[0x42, 0x5a, 0x68], refused("a bzip2-compressed file", ARCHIVE)],
  [[0x28, 0xb5, 0x2f, 0xfd], refused("a zstd-compressed file", ARCHIVE)],
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], refused("a PNG image", NOT_A_TRACE)],
  [[0xff, 0xd8, 0xff], refused("a JPEG image", NOT_A_TRACE)],
  [[0x47, 0x49, 0x46, 0x38], refused("a GIF image", NOT_A_TRACE)],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], refused("a PDF document", NOT_A_TRACE)],
  [[0x7f, 0x45, 0x4c, 0x46], refused("an executable (ELF)", NOT_A_TRACE)],
];

export function sniff(head: Uint8Array): Sniffed {
  for (const [magic, what] of MAGIC) if (magic.every((b, i) => head[i] === b)) return what;
  const utf16 = utf16WithoutMark(head);
  if (utf16 !== undefined) return refused(`UTF-16${utf16} text without a byte order mark`, `convert it to UTF-8 (iconv -f UTF-16${utf16} -t UTF-8)`);
  return { kind: "text" };
}

/** ASCII text in UTF-16 has a NUL in every other byte: "LE" or "BE" when most do. */
function utf16WithoutMark(head: Uint8Array): "LE" | "BE" | undefined {
  const pairs = head.length >> 1;
  if (pairs < 8) return undefined;
  let nulOdd = 0;
  let nulEven = 0;
  for (let i = 0; i < 2 * pairs; i += 2) {
    if (head[i] === 0 && head[i + 1] !== 0) nulEven++;
    if (head[i + 1] === 0 && head[i] !== 0) nulOdd++;
  }
  return nulOdd >= pairs * 0.9 ? "LE" : nulEven >= pairs * 0.9 ? "BE" : undefined;
}
