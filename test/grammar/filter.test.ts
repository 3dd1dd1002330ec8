import { describe, expect, it } from "vitest";
import { parseFilterSyntax } from "../../grammar/filter.js";

describe("the filter grammar", () => {
  it("binds and tighter than or, and keeps src/dst with the term", () => {
    expect(parseFilterSyntax("src host 10.1.1.3 or port 80 and tcp").syntax).toEqual({
      kind: "or",
      left: { kind: "term", keyword: "host", direction: "src", value: { text: "10.1.1.3", column: 10 }, column: 1 },
      right: {
        kind: "and",
        left: { kind: "term", keyword: "port", value: { text: "80", column: 27 }, column: 22 },
        right: { kind: "term", keyword: "tcp", column: 34 },
      },
    });
  });

  it("reads not, ! and parentheses, and tcp-flags as one keyword", () => {
    expect(parseFilterSyntax("!(tcp-flags syn or not udp)").syntax).toMatchObject({
      kind: "not",
      operand: { kind: "or", left: { keyword: "tcp-flags", value: { text: "syn" } }, right: { kind: "not", operand: { keyword: "udp" } } },
    });
  });

  it("takes a word that only starts like a keyword as no keyword: a value alone", () => {
    expect(parseFilterSyntax("hostname").syntax).toEqual({ kind: "term", keyword: "", value: { text: "hostname", column: 1 }, implied: true, column: 1 });
  });

  it("reads pcap-filter primitives: a protocol, a direction, a type and a value, each optional but the value", () => {
    expect(parseFilterSyntax("tcp dst port 8080").syntax).toEqual({ kind: "term", keyword: "port", proto: "tcp", direction: "dst", value: { text: "8080", column: 14 }, column: 1 });
    expect(parseFilterSyntax("src 10.1.1.3").syntax).toEqual({ kind: "term", keyword: "", direction: "src", implied: true, value: { text: "10.1.1.3", column: 5 }, column: 1 });
    expect(parseFilterSyntax("src or dst host 10.1.1.3").syntax).toMatchObject({ keyword: "host", direction: "src or dst" });
    expect(parseFilterSyntax("net 10.1.0.0 mask 255.255.0.0").syntax).toMatchObject({ keyword: "net", value: { text: "10.1.0.0" }, mask: { text: "255.255.0.0", column: 19 } });
    expect(parseFilterSyntax("not arp").syntax).toEqual({ kind: "not", operand: { kind: "term", keyword: "arp", column: 5 } });
    expect(parseFilterSyntax("len<=100").syntax).toEqual({ kind: "term", keyword: "len", compare: "<=", value: { text: "100", column: 6 }, column: 1 });
    expect(parseFilterSyntax("host 10.1.1.3 or 10.1.1.4").syntax).toMatchObject({ kind: "or", right: { implied: true, value: { text: "10.1.1.4" } } });
  });

  it.each([
    ["host", 5, "expected a value (an address, a network, a port) after 'host', found the end of the filter"],
    ["src", 4, "expected a value (an address, a network, a port) after 'src', found the end of the filter"],
    ["tcp dst", 8, "expected a value (an address, a network, a port) after 'dst', found the end of the filter"],
    ["len 100", 5, "expected a comparison after 'len': <, <=, >, >=, = or !=, found '100'"],
    ["host 10.1.1.3 port 80", 15, "expected 'and' or 'or' between terms, found 'port'"],
    ["(port 80 or udp", 16, "expected ')' to close the '(' before it, found the end of the filter"],
    ["port 80)", 8, "')' closes no '('"],
    ["tcp and or udp", 9, "expected a term such as host 10.1.1.3, tcp port 80, src net 10.1.0.0/16, ip, node ip4-*, verdict violates, or a '(', found 'or'"],
    ["   ", 1, "the filter is empty: expected a term such as host 10.1.1.3, tcp port 80, src net 10.1.0.0/16, ip, node ip4-*, verdict violates, or a '('"],
  ])("reports %j at column %i", (text, column, message) => {
    expect(parseFilterSyntax(text).error).toEqual({ column, message });
  });
});
