/**
 * The README's table of contents lists every section and subsection, in order, each linked
 * to the anchor GitHub makes of its heading: a section added, renamed or moved without the
 * contents following fails here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../helpers.js";

const readme = readFileSync(join(root, "README.md"), "utf8");

/** The `##` and `###` headings outside code blocks (a `# comment` in a shell block is none). */
function headings(): { level: number; text: string }[] {
  let fenced = false;
  const found: { level: number; text: string }[] = [];
  for (const line of readme.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const m = fenced ? null : /^(##|###) (.*)$/.exec(line);
    if (m !== null && m[2] !== "Contents") found.push({ level: m[1].length, text: m[2] });
  }
  return found;
}

/** GitHub's anchor for a heading: lower case, backticks and punctuation but `-` and `_`
 *  dropped, spaces made hyphens; a repeated anchor gets `-1`, `-2`… */
function anchors(texts: string[]): string[] {
  const seen = new Map<string, number>();
  return texts.map((text) => {
    const slug = text.toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, "").replace(/ /g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    return n === 0 ? slug : `${slug}-${n}`;
  });
}

describe("the README", () => {
  it("opens with a table of contents that lists every section in order, linked to its anchor", () => {
    const contents = /## Contents\n\n([\s\S]*?)\n<!-- \/toc -->/.exec(readme);
    expect(contents, "no ## Contents block").not.toBeNull();
    const listed = contents![1].split("\n").map((line) => /^( *)- \[(.*)\]\(#(.*)\)$/.exec(line)!);
    const wanted = headings();
    expect(listed.map((m) => `${m[1].length === 2 ? "###" : "##"} ${m[2]}`)).toEqual(wanted.map((h) => `${"#".repeat(h.level)} ${h.text}`));
    expect(listed.map((m) => m[3])).toEqual(anchors(wanted.map((h) => h.text)));
  });
});
