// Loaded with `node --import ./trace-modules.mjs` by scripts/check-packages.sh: appends the URL of
// every module the process resolves to the file named by RAPPORT_TRACE_MODULES.
import { register } from 'node:module';

register('./trace-hooks.mjs', import.meta.url);
