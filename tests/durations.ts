/** A Vitest reporter: how long each test file took, slowest first, after the usual report. */
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export default class Durations implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const rows = modules
      .map((module) => ({
        project: module.project.name,
        file: path.relative(process.cwd(), module.moduleId),
        seconds: module.diagnostic().duration / 1000,
      }))
      .sort((a, b) => b.seconds - a.seconds);
    const width = Math.max(...rows.map((row) => row.project.length));
    console.log('\nDuration of each test file (files run side by side):');
    for (const { project, file, seconds } of rows) {
      console.log(`${seconds.toFixed(1).padStart(7)} s  ${project.padEnd(width)}  ${file}`);
    }
  }
}
