// Type-checked by scripts/check-packages.sh as a CommonJS module: TypeScript 5.8 and later, with
// "module": "NodeNext", compile its imports to require() of the ES modules, as Node 20.19 runs them.
import { InMemoryEventStore, verifyStore, type EventStore } from '@rapport/core';
import { createRapport, type Rapport } from '@rapport/domain';

const store: EventStore = new InMemoryEventStore();
export const rapport: Rapport = createRapport({ store });
export const ok: Promise<boolean> = verifyStore(store).then((report) => report.ok);
