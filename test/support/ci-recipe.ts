/** The shell and YAML blocks of docs/ci.md marked `<!-- ci-recipe: <name> -->`, which tests run. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './specwire-cli.js';

/** The fenced block right after `<!-- ci-recipe: <name> -->` in docs/ci.md. */
export function ciRecipe(name: string): string {
  const doc = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
  const m = new RegExp(`<!-- ci-recipe: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (!m) throw new Error(`docs/ci.md has no block marked ci-recipe: ${name}`);
  return m[1]!;
}
