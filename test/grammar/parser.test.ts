import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rejoinWrappedLines } from "../../grammar/normalize.js";
import { parseTraceSyntax, type TopItem } from "../../grammar/index.js";
import { Lexer } from "chevrotain";
import { LEXER_CONFIG } from "../../grammar/lexer.js";
import { TraceParser } from "../../grammar/parser.js";
import { allTokens } from "../../grammar/tokens.js";

const kinds = (items: TopItem[]) => items.map((i) => (i.kind === "stray" ? `stray:${i.line.token}` : i.kind));
const records = (items: TopItem[]) => items.filter((i): i is Extract<TopItem, { kind: "record" }> => i.kind === "record");

describe("the grammar's definitions", () => {
  // vpptrace builds both without chevrotain's validations, to start fast: they run here.
  it("pass the lexer's validations, first-character optimisation included", () => {
    expect(() => new Lexer(allTokens, LEXER_CONFIG)).not.toThrow();
  });

  it("pass the parser's self-analysis validations", () => {
    expect(() => new TraceParser({ validate: true })).not.toThrow();
  });
});

describe("show trace grammar", () => {
  it("recognises thread banners, Packet lines and record headers of a full dump", () => {
    const text = [
      "------------------- Start of thread 0 vpp_main -------------------",
      "Packet 1",
      "",
      "00:00:00:209689: virtio-input",
      "  virtio: hw_if_index 1 next-index 4 vring 0 len 42",
      "",
      "------------------- Start of thread 1 vpp_wk_0 -------------------",
      "No packets in trace buffer",
    ].join("\n");
    const { items } = parseTraceSyntax(text);
    expect(kinds(items)).toEqual(["thread", "packet", "stray:BlankLine", "record", "thread", "no-packets"]);
    expect(items[4]).toMatchObject({ kind: "thread", index: "1", name: "vpp_wk_0", line: 7 });
  });

  it("splits the limit warning that v21.06+ glues to the next thread banner", () => {
    const text = "Limiting display to 50 packets. To display more specify max.------------------- Start of thread 1 vpp_wk_0 -------------------\n";
    const { items } = parseTraceSyntax(text);
    expect(items).toMatchObject([{ kind: "limit", max: "50" }, { kind: "thread", index: "1", name: "vpp_wk_0" }]);
  });

  it("reads all three timestamp forms of record headers", () => {
    const text = "23:59:59:999999: ip4-lookup\n1714527731.256986: ip4-rewrite\n2024-05-01T01:48:51.256986: tap8-output\n";
    expect(records(parseTraceSyntax(text).items).map((r) => [r.header.time, r.header.node])).toEqual([
      ["23:59:59:999999", "ip4-lookup"],
      ["1714527731.256986", "ip4-rewrite"],
      ["2024-05-01T01:48:51.256986", "tap8-output"],
    ]);
  });

  it("takes the lines of an IPv4 header and of a TCP header as one token each, with every field captured", () => {
    const text = [
      "01:48:51:256993: ip4-input",
      "  TCP: 10.1.1.12 -> 10.1.1.9",
      "    tos 0x00, ttl 64, length 60, checksum 0xf087",
      "    fragment id 0x341e, flags DONT_FRAGMENT",
      "  TCP: 39820 -> 8080",
      "    seq. 0x8c66e434 ack 0x00000000",
      "    flags 0x02 SYN, tcp header: 40 bytes",
      "    window 29200, checksum 0xc3de",
    ].join("\n");
    const [record] = records(parseTraceSyntax(text).items);
    expect(record.lines.map((l) => [l.token, l.line, l.column])).toEqual([
      ["Ip4Header", 2, 3],
      ["L4Header", 5, 3],
    ]);
    expect(record.lines[0].text.split("\n").map((l) => l.trim())).toEqual(text.split("\n").slice(1, 4).map((l) => l.trim()));
    expect(record.lines[1].text.split("\n")).toHaveLength(4);
    expect(record.raw).toEqual(text.split("\n"));
  });

  it("keeps a garbled line indented under a header's first line in the header, and ends it at the first line's depth", () => {
    const text = "01:48:51:256993: ip4-input\n  UDP: 10.1.1.12 -> 10.1.1.9\n    tos 0x00, ttl 64, length 60, checksum 0xf087 extra\n    fragmnt id 0x341e\n  00000000: 4500\n  00000002: 003c\n  x\n";
    const [record] = records(parseTraceSyntax(text).items);
    expect(record.lines.map((l) => [l.token, l.line])).toEqual([
      ["Ip4Header", 2],
      ["HexDump", 5],
      ["TextLine", 7],
    ]);
  });

  it("takes a line at the first line's depth into a header only when it starts as a header line does", () => {
    const text = "01:48:51:256993: ip4-input\n  TCP: 10.1.1.12 -> 10.1.1.9\n  tos 0x00, tl 64\n  fragment id 0x341e\n    TCP: 39820 -> 8080\n  x 1\n";
    const [record] = records(parseTraceSyntax(text).items);
    expect(record.lines.map((l) => [l.token, l.line])).toEqual([
      ["Ip4Header", 2],
      ["L4Header", 5],
      ["TextLine", 6],
    ]);
  });

  it("takes a line over a dashed underline as a caption, not as record body", () => {
    const text = "SYN from the client's node:\n---------------------------\n04:26:22:973829: virtio-input\n  virtio: x\n\nSYN from the server's node:\n---\n04:24:37:730732: dpdk-input\n";
    const items = parseTraceSyntax(text).items;
    expect(kinds(items)).toEqual(["caption", "record", "caption", "record"]);
    expect(items[0]).toMatchObject({ kind: "caption", text: "SYN from the client's node", line: 1 });
  });

  it("keeps blank lines, column-0 lines and comments inside the record they follow", () => {
    const text = "17:26:12:929680: vxlan4-gpe-input\n  VXLAN-GPE: tunnel 0\napp 0x0\n# a note\n\n17:26:12:929687: ethernet-input\n";
    const [first, second] = records(parseTraceSyntax(text).items);
    expect(first.lines.map((l) => l.token)).toEqual(["TextLine", "TextLine", "CommentLine", "BlankLine"]);
    expect(first.raw).toEqual(["17:26:12:929680: vxlan4-gpe-input", "  VXLAN-GPE: tunnel 0", "app 0x0", "# a note", ""]);
    expect(second.header.line).toBe(6);
  });

  it("accepts CRLF line ends, a BOM and ANSI colours without changing line numbers", () => {
    const text = "\ufeff\u001b[32m01:48:51:256986: virtio-input\u001b[0m\r\n  virtio: hw_if_index 7\r\n01:48:51:256990: ethernet-input\r\n";
    const parsed = parseTraceSyntax(text);
    expect(records(parsed.items).map((r) => [r.header.node, r.header.line])).toEqual([
      ["virtio-input", 1],
      ["ethernet-input", 3],
    ]);
    expect(parsed.fixes).toHaveLength(3);
  });

  it("never fails: arbitrary text becomes stray lines", () => {
    const { items } = parseTraceSyntax('{"json": true}\n\u0001\u0002 garbage\n');
    expect(kinds(items)).toEqual(["stray:TextLine", "stray:TextLine"]);
  });
});

describe("lines wrapped by a terminal", () => {
  it("re-joins a body line cut at 80 columns, keeping line numbers", () => {
    const full = "   input sw_if_index 7 (lsb16 7) l3 ip4 10.1.1.12 -> 10.1.1.9 l4 proto 6 l4_valid 1 port 39820 -> 8080 tcp flags (valid) 02 rsvd 0";
    const text = `01:48:51:256995: acl-plugin-in-ip4-fa\n${full.slice(0, 80)}\n${full.slice(80)}\n01:48:51:257002: nat44-out2in\n`;
    const parsed = parseTraceSyntax(text);
    const [acl, nat] = records(parsed.items);
    expect(acl.lines[0].text).toBe(full.trim());
    expect(nat.header.line).toBe(4);
    expect(parsed.fixes).toContain("lines wrapped at 80 columns re-joined");
  });

  it("leaves alone an 80-character line followed by a header or an indented line", () => {
    const line = ` ${"x".repeat(79)}`;
    const text = `01:48:51:256995: a\n${line}\n01:48:51:257002: b\n${line}\n  y 1\n`;
    expect(parseTraceSyntax(text).fixes).toEqual([]);
  });

  it("re-joins exactly as the one-regex definition of a wrapped line does", () => {
    const WRAPPED = /\n([ \t][^\n]{79})\n(?![\s\d#`]|Packet \d|-{3}|Limiting |No packets |vpp#|DBGvpp#)([^\n]+)\n/g;
    const reference = (text: string): string => text.replace(WRAPPED, (_, first: string, rest: string) => `\n${first}${rest}\n\n`);
    const line = fc.oneof(
      fc.constant(` ${"x".repeat(79)}`),
      fc.constant(`\t${"y".repeat(79)}`),
      fc.constantFrom("", "a", "  b", "Packet 1", "---", "No packets in trace buffer", "vpp# show trace", "12:00:00:000001: x", "tail text"),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const text = `${lines.join("\n")}\n`;
        expect(rejoinWrappedLines(text)).toBe(reference(text));
      }),
      { seed: 6, numRuns: 2000 },
    );
  });
});
