/**
 * Control characters and Markdown/HTML in trace text come out escaped: `\xNN` in every text
 * output and message, backslash-escaped punctuation in GitHub's step summary, while the JSON,
 * JUnit and SARIF outputs carry the text as data in their own escaping.
 */
import { describe, expect, it } from "vitest";
import { escapeControl, markdownText } from "../../src/report/escape.js";
import { runCliCapture } from "../helpers.js";
import { badTtlTrace } from "../rules/fault.js";

/** Raw control characters other than tab, line feed and carriage return. */
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The violating SYN, its caption (the packet's label) and a node of its own hostile. */
const hostile = badTtlTrace()
  .replace("SYN:\n---", "SYN \u0007\u009b<img src=x onerror=alert(1)> [link](http://example.invalid) ![i](x) *b* `c`:\n---")
  .replace("01:48:51:257016: tap8-output", "01:48:51:257015: evil\u0007node\u001b]0;title\n  a\u0008b 1\n01:48:51:257016: tap8-output");

describe("escaping trace text", () => {
  it("shows control characters as \\xNN and keeps the colour sequences vpptrace writes", () => {
    expect(escapeControl("a\u0007b\u009bc\td\ne")).toBe("a\\x07b\\x9bc\td\ne");
    expect(escapeControl("\u001b[31mred\u001b[0m \u001b]0;x")).toBe("\u001b[31mred\u001b[0m \\x1b]0;x");
  });

  it("leaves nothing in a Markdown cell that could become a link, an image, HTML or code", () => {
    expect(markdownText("<img src=x onerror=alert(1)> [a](b) ![i](x) `c` *d* | e\nf")).toBe(
      "\\<img src\\=x onerror\\=alert\\(1\\)\\> \\[a\\]\\(b\\) \\!\\[i\\]\\(x\\) \\`c\\` \\*d\\* \\| e f",
    );
  });

  it.each([["text"], ["tap"], ["github"]])("writes no raw control character in check's %s output or on stderr", async (format) => {
    const run = await runCliCapture(["check", "--no-config", "-f", format, "-"], hostile);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stdout + run.stderr).toContain("\\x07");
  });

  it("writes no raw control character in parse's and diff's text", async () => {
    const parse = await runCliCapture(["parse", "-"], hostile);
    expect(parse.stdout).toContain("evil\\x07node\\x1b]0;title");
    expect(parse.stdout + parse.stderr).not.toMatch(RAW_CONTROL);
    const diff = await runCliCapture(["diff", "--no-config", "samples/pod-to-pod-same-node-request.txt", "-"], hostile);
    expect(diff.stdout + diff.stderr).not.toMatch(RAW_CONTROL);
  });

  it("keeps JSON's own escaping: the text is data there", async () => {
    const run = await runCliCapture(["parse", "-f", "json", "-"], hostile);
    expect(JSON.parse(run.stdout).packets.flatMap((p: { records: { node: string }[] }) => p.records.map((r) => r.node))).toContain("evil\u0007node\u001b]0;title");
  });

  it("escapes Markdown and HTML in $GITHUB_STEP_SUMMARY", async () => {
    let summary = "";
    const run = await runCliCapture(["check", "--no-config", "-f", "github", "-"], hostile, 4096, { env: { GITHUB_STEP_SUMMARY: "/summary.md" }, appendFile: async (_path, text) => void (summary += text) });
    expect(run.code).toBe(1);
    // `\\x07`: the backslash of \x07 escaped in turn, which Markdown shows as `\x07`.
    expect(summary).toContain("SYN \\\\x07\\\\x9b\\<img src\\=x onerror\\=alert\\(1\\)\\> \\[link\\]\\(http\\:\\/\\/example\\.invalid\\)");
    // Every `<`, `](` or `![` is preceded by the backslash that makes it text.
    expect(summary).not.toMatch(/(?<!\\)<|(?<!\\)\](?=\()|(?<!\\)!(?=\\?\[)/);
    expect(summary).not.toMatch(RAW_CONTROL);
  });
});
