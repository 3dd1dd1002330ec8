/**
 * The data flows one way (DESIGN.md): grammar → trace → match (with dataplanes → vpp →
 * forwarder) → rules / diff → report → cli. Each folder may import only what this table
 * allows; a new import across the flow fails here, with the file and the import named.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./helpers.js";

/** Folder → the folders (and packages) its files may import. */
const ALLOWED: Record<string, string[]> = {
  grammar: ["grammar", "chevrotain"],
  "src/model": ["src/model"],
  "src/trace": ["src/trace", "src/model", "grammar"],
  "src/input": ["src/input", "src/model", "src/trace"],
  "src/vpp": ["src/vpp", "src/model"],
  "src/dataplanes": ["src/dataplanes", "src/vpp", "src/model", "grammar", "ajv", "yaml"],
  "src/forwarder": ["src/forwarder", "src/vpp", "src/model", "src/dataplanes/types.ts"],
  "src/match": ["src/match", "src/forwarder", "src/vpp", "src/model", "src/trace/headers.ts", "src/dataplanes/types.ts"],
  "src/rules": ["src/rules", "src/match", "src/model", "src/trace/headers.ts", "src/dataplanes"],
  "src/filter": ["src/filter", "src/model", "src/trace/headers.ts", "grammar"],
  "src/pcap": ["src/pcap", "src/model"],
  "src/paths": ["src/paths", "src/model"],
  "src/diff": ["src/diff", "src/model", "src/trace/headers.ts"],
  "src/report": ["src/report", "src/model", "cli-table3"],
  "src/capture": ["src/capture"],
  "src/schemas": ["src/schemas", "src/model", "src/dataplanes/contiv/schema.ts", "ajv"],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)[^"';]*?from\s+"([^"]+)"|^import\s+"([^"]+)"|import\("([^"]+)"\)/gm)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** `../vpp/types.js` from src/forwarder/walk.ts → src/vpp/types.ts; a package stays its name. */
function target(file: string, spec: string): string {
  if (!spec.startsWith(".")) return spec.startsWith("node:") ? "node" : spec.split("/")[0];
  return relative(root, resolve(dirname(file), spec)).replace(/\.js$/, ".ts");
}

const allowedBy = (allowed: string[], t: string): boolean => t === "node" || allowed.some((a) => t === a || t.startsWith(`${a}/`));

describe("the architecture", () => {
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    it(`${folder} imports only ${allowed.join(", ")}`, () => {
      const wrong = files(join(root, folder)).flatMap((file) =>
        imports(file)
          .map((spec) => target(file, spec))
          .filter((t) => !allowedBy(allowed, t))
          .map((t) => `${relative(root, file)} imports ${t}`),
      );
      expect(wrong).toEqual([]);
    });
  }
});
