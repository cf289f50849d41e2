// The resolve hook of trace-modules.mjs: it runs on the hooks' own thread, so it writes to a file.
import { appendFileSync } from 'node:fs';

export const resolve = async (specifier, context, next) => {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.RAPPORT_TRACE_MODULES, `${resolved.url}\n`);
  return resolved;
};
