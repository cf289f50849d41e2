/**
 * The command pipeline outside the suite, to profile it (`tsx`, or `node --cpu-prof` on a bundle):
 * the workload of `pipeline` (contacts × 6 commands on a set-up organization), each round on a
 * fresh facade, timed in wall seconds and in CPU seconds of the process (the machine may be shared).
 * Arguments: rounds (default 3), contacts (default 4,000).
 */
import { InMemoryEventStore } from '@rapport/core';
import { createRapport } from '@rapport/domain';
import { executeAll, orgIdOf, setupCommands, teamCommands } from './internal/history.js';

const rounds = Number(process.argv[2] ?? 3);
const contacts = Number(process.argv[3] ?? 4000);
for (let round = 1; round <= rounds; round += 1) {
  const rapport = createRapport({ store: new InMemoryEventStore() });
  await executeAll(rapport, setupCommands(orgIdOf(0)));
  const commands = teamCommands(orgIdOf(0), contacts);
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await executeAll(rapport, commands);
  const wallSeconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `round ${round}: ${(commands.length / wallSeconds).toFixed(0)} commands/s, ` +
      `${(commands.length / cpuSeconds).toFixed(0)} per CPU-second`,
  );
}
