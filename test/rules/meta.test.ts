import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../../src/rules/index.js";
import { root } from "../helpers.js";

describe("the rule table", () => {
  const ids = allRules.map((r) => r.meta.id);

  it("is sorted by id, with unique kebab-case ids", () => {
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each(ids)("%s lives in its own file, has its own test file and a README entry", (id) => {
    expect(existsSync(join(root, "src", "rules", `${id}.ts`))).toBe(true);
    expect(existsSync(join(root, "test", "rules", `${id}.test.ts`))).toBe(true);
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain(`| \`${id}\` |`);
  });
});
