/**
 * `npm run build`'s second step: the command line bundled into one file per entry point
 * (`dist/cli/vpptrace.js`, the worker of `parse --jobs`), each command a chunk of its own that
 * loads only when it runs. Node loads a few files in milliseconds where tsc's output plus every
 * dependency's module tree took ~950; the library keeps tsc's output (dist/src) and its types.
 */
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import standalone from "ajv/dist/standalone/index.js";
import { build, type Plugin } from "rolldown";
import { CLUSTER_AJV_OPTIONS, compiledClusterSchema } from "../dataplanes/contiv/cluster-validator.js";

const outDir = join("dist", "cli");

/** The cluster validator as ajv generates it at build time ("standalone" code), in place of the
 *  module that compiles it at run time: compiling it cost a `--cluster` run ~70 ms. */
function clusterValidatorGeneratedAtBuildTime(): Plugin {
  const ajv = new Ajv({ ...CLUSTER_AJV_OPTIONS, code: { source: true, esm: true } });
  const generated = standalone.default(ajv, ajv.compile(compiledClusterSchema))
    // The one runtime helper the schema needs (string lengths in code points) is a CommonJS
    // `require` even in ajv's ESM output.
    .replace('require("ajv/dist/runtime/ucs2length").default', "ucs2length.default");
  return {
    name: "cluster-validator-generated-at-build-time",
    load(id) {
      if (!id.endsWith(join("src", "dataplanes", "contiv", "cluster-validator.ts"))) return null;
      return `import ucs2length from "ajv/dist/runtime/ucs2length.js";\n${generated}\nexport function clusterValidator() { return validate; }\n`;
    },
  };
}

/** The yaml package's ES module build (its `default` export condition) in place of the CommonJS
 *  one that Node's condition picks: rolldown keeps only the parser and composer the cluster file
 *  needs, and V8 compiles each function once — a CommonJS module wrapped for the bundle is
 *  parsed again when first required. A `--cluster` run spent ~20 ms less CPU. */
const yamlModuleBuild = fileURLToPath(new URL("browser/index.js", import.meta.resolve("yaml/package.json")));

/**
 * Chunks of the small modules that several commands share, one per family, in place of one
 * chunk per module (rolldown's own split): Node's module loader costs about a millisecond
 * per file, and `check --cluster` loaded 26 (now 14; `--version` 3 instead of 7). Commander,
 * which every command loads, stays a chunk of its own.
 */
const SHARED_CHUNKS = [
  { name: "commander", test: /node_modules[\\/]commander[\\/]/, priority: 3 },
  { name: "cli", test: /src[\\/]cli[\\/](colour|version|options|config-option|progress|cluster-option)\.ts$|src[\\/]input[\\/]errors\.ts$|src[\\/]report[\\/]style\.ts$|src[\\/]config[\\/]levels\.ts$/, priority: 2 },
  { name: "model", test: /src[\\/]model[\\/]|src[\\/]trace[\\/]headers\.ts$|src[\\/]report[\\/]words\.ts$/, priority: 2 },
  { name: "contiv", test: /src[\\/]dataplanes[\\/]contiv[\\/](defaults|errors|schema)\.ts$|ajv[\\/]dist[\\/]runtime[\\/]ucs2length/, priority: 2 },
];

await build({
  input: { vpptrace: "src/cli/bin.ts", "parse-worker": "src/cli/parse-worker.ts" },
  platform: "node",
  resolve: { alias: { yaml: yamlModuleBuild } },
  logLevel: "warn",
  plugins: [clusterValidatorGeneratedAtBuildTime()],
  output: { dir: outDir, format: "esm", entryFileNames: "[name].js", chunkFileNames: "[name]-[hash].js", cleanDir: true, minify: true,
    codeSplitting: { groups: SHARED_CHUNKS } },
});
// npx runs the bin file itself: it must be executable, which no bundler's output is.
chmodSync(join(outDir, "vpptrace.js"), 0o755);
