// Preloaded into a measured process (NODE_OPTIONS=--import=…) by bench/support/cli-timing.ts: at exit,
// the process's own CPU time (user + system, all its threads), which a shared machine's load does not
// inflate the way it inflates wall-clock time.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  try {
    writeSync(2, `\nspecwire-bench-cpu-us=${user + system}\n`);
  } catch {
    // stderr closed: the timing is lost, not the run
  }
});
