// Loaded with `node --import` into a process whose peak memory is measured: when the process
// exits, its peak resident set size (bytes) is written to file descriptor 3, which the measuring
// process reads.
import { writeSync } from 'node:fs';
import process from 'node:process';

process.on('exit', () => {
  try {
    writeSync(3, JSON.stringify({ peakRss: process.resourceUsage().maxRSS * 1024 }));
  } catch {
    // No descriptor 3: the process was not started to be measured.
  }
});
