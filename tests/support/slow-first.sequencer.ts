import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that take longest: a browser per file (e2e), a CLI process per step (cli-*), and the
 * crash, tamper and keychain soaks. On a clean clone vitest has no durations from an earlier
 * run and orders files by size, so these small-but-slow files started last and two workers
 * finished far apart. They go first; everything else keeps vitest's own order (its recorded
 * durations when it has them, sizes when not).
 */
const SLOW: readonly RegExp[] = [/\/tests\/e2e\//, /\/tests\/reliability\//, /\/tests\/integration\/cli[-.]/];

const isSlow = (file: TestSpecification): boolean => SLOW.some((pattern) => pattern.test(file.moduleId));

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // vitest keeps each project's files together; partition within each, keeping the projects' order.
    const projects = [...new Set(sorted.map((file) => file.project.name))];
    return projects.flatMap((name) => {
      const own = sorted.filter((file) => file.project.name === name);
      return [...own.filter(isSlow), ...own.filter((file) => !isSlow(file))];
    });
  }
}
