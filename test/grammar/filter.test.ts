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

  it("takes a word that only starts like a keyword as no keyword", () => {
    expect(parseFilterSyntax("hostname").error).toEqual({ column: 1, message: "expected a term such as host 10.1.1.3, port 80, tcp, node ip4-*, verdict violates, or a '(', found 'hostname'" });
  });

  it.each([
    ["host", 5, "expected a value after 'host', found the end of the filter"],
    ["host 10.1.1.3 port 80", 15, "expected 'and' or 'or' between terms, found 'port'"],
    ["(port 80 or udp", 16, "expected ')' to close the '(' before it, found the end of the filter"],
    ["port 80)", 8, "')' closes no '('"],
    ["tcp and or udp", 9, "expected a term such as host 10.1.1.3, port 80, tcp, node ip4-*, verdict violates, or a '(', found 'or'"],
    ["   ", 1, "the filter is empty: expected a term such as host 10.1.1.3, port 80, tcp, node ip4-*, verdict violates, or a '('"],
  ])("reports %j at column %i", (text, column, message) => {
    expect(parseFilterSyntax(text).error).toEqual({ column, message });
  });
});
