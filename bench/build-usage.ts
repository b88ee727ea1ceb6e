/**
 * Preloaded into every build the scaling benchmark runs (node --import): when the build exits,
 * writes its CPU time and peak resident memory to BENCH_USAGE_FILE. Worker threads (the card
 * workers, rolldown's) are part of the process, so they count too.
 */
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  writeFileSync(process.env.BENCH_USAGE_FILE!, JSON.stringify({ cpuMs, maxRssMb: usage.maxRSS / 1024 }));
});
