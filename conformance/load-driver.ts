/** A `--driver` module: imported from its path, its default export checked to be a hooks driver (docs/hooks.md). */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HooksDriver } from '../protocol/hooks.js';

/** The driver, or the reason it cannot be used (an import error, or a default export without reset and trigger). */
export async function loadDriver(path: string): Promise<{ ok: true; driver: HooksDriver } | { ok: false; message: string }> {
  let mod: { default?: HooksDriver };
  try {
    mod = (await import(pathToFileURL(resolve(path)).href)) as { default?: HooksDriver };
  } catch (err) {
    return { ok: false, message: `cannot load --driver ${path}: ${(err as Error).message}` };
  }
  const driver = mod.default;
  if (!driver || typeof driver.trigger !== 'function' || typeof driver.reset !== 'function') {
    return { ok: false, message: `--driver ${path} must export default { reset(), trigger(request) } (docs/hooks.md)` };
  }
  return { ok: true, driver };
}
