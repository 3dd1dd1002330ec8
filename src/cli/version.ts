/** The version `--version` prints and SARIF's driver carries; package.json's, kept equal by
 *  a test (test/cli/conventions.test.ts). */
export const VERSION = "0.1.0";
