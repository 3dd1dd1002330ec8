/**
 * The suite's configuration (`npm test`): the VPP lab session starts in the global setup and runs while
 * the other tests do; the lab's test files run last, so that by then it has finished.
 */
import { join } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

const root = join(import.meta.dirname, "..");

class LabLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isLab = (f: TestSpecification) => f.moduleId.includes("/test/lab/");
    return [...sorted.filter((f) => !isLab(f)), ...sorted.filter(isLab)];
  }
}

export default defineConfig({
  test: {
    root,
    include: ["test/**/*.test.ts"],
    // Each worker imports the sources once, not once per test file (vitest 439 s → 180 s of
    // wall time on the 2-core machine under load); no test shares state (spies are restored).
    isolate: false,
    globalSetup: [join(root, "test", "lab", "setup.ts")],
    sequence: { sequencer: LabLastSequencer },
  },
});
