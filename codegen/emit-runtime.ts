/**
 * `generated/<id>/index.js`: the runtime of a contract. Constants, a `type` → validator table per
 * direction, and decode/validate/encode/guard functions over the validators of validators.js.
 * The shared part (`templates/runtime.js`) is copied in verbatim so the folder is self-contained.
 */
import { readFileSync } from 'node:fs';
import { compare, type Catalog, type CatalogMessage } from './catalog.js';
import { generatedHeader } from './header.js';
import { packagePath } from '../contract/package-root.js';

const TEMPLATE = readFileSync(packagePath('codegen', 'templates', 'runtime.js'), 'utf8').trim();

export function emitRuntime(catalog: Catalog, source: string): string {
  const { contract } = catalog;
  const out: string[] = [
    generatedHeader(source),
    `// ${contract.title} ${contract.version}: decode, validate, encode and guard every frame. Types: ./index.d.ts.`,
    '',
  ];
  const imports = catalog.messages.map((m) => m.validatorName).sort(compare);
  out.push(imports.length ? `import {\n${imports.map((n) => `  ${n},`).join('\n')}\n} from "./validators.js";` : '', '');

  const serverTypes = typesOf(catalog.server);
  const clientTypes = typesOf(catalog.client);
  const allTypes = [...new Set([...serverTypes, ...clientTypes])].sort(compare);
  out.push(
    `export const CONTRACT_ID = ${JSON.stringify(contract.id)};`,
    `export const CONTRACT_VERSION = ${JSON.stringify(contract.version)};`,
    `export const SERVER_MESSAGE_TYPES = Object.freeze(${JSON.stringify(serverTypes)});`,
    `export const CLIENT_MESSAGE_TYPES = Object.freeze(${JSON.stringify(clientTypes)});`,
    `export const MESSAGE_TYPES = Object.freeze(${JSON.stringify(allTypes)});`,
    '',
  );

  const combined: string[] = [];
  out.push(...table('SERVER', 'Frames the server sends', catalog.server, combined));
  out.push(...table('CLIENT', 'Frames a client sends', catalog.client, combined));
  if (combined.length) out.push(...combined, ANY_OF, '');

  for (const [side, table, label] of [['Server', 'SERVER', 'server'], ['Client', 'CLIENT', 'client']] as const) {
    const args = `${table}, ${table}_UNTYPED, "${label}"`;
    out.push(
      `export function decode${side}Message(data) {\n  return decodeWith(data, ${args});\n}`,
      `export function validate${side}Message(value) {\n  return validateWith(value, ${args});\n}`,
      `export function encode${side}Message(message) {\n  return encodeWith(message, ${args});\n}`,
      `export function is${side}Message(value) {\n  return validateWith(value, ${args}).ok;\n}`,
      '',
    );
  }
  for (const m of catalog.messages) out.push(`export function ${m.guardName}(value) {\n  return ${m.validatorName}(value);\n}`);
  out.push('', TEMPLATE, '');
  return out.join('\n');
}

function typesOf(messages: CatalogMessage[]): string[] {
  return [...new Set(messages.flatMap((m) => m.typeConsts))].sort(compare);
}

/**
 * `const SERVER = { __proto__: null, "activity": validateActivityMessage, ... }` — a prototype-free
 * lookup (a frame typed "constructor" finds nothing), plus the messages without a `type` const.
 * Two messages sharing one `type` in a direction get a validator that accepts either.
 */
function table(name: string, doc: string, messages: CatalogMessage[], combined: string[]): string[] {
  const byType = new Map<string, string[]>();
  for (const m of messages) for (const t of m.typeConsts) byType.set(t, [...(byType.get(t) ?? []), m.validatorName]);
  const entries = [...byType.entries()].sort(([a], [b]) => compare(a, b)).map(([type, validators]) => {
    if (validators.length === 1) return `  ${JSON.stringify(type)}: ${validators[0]},`;
    const fn = `${name.toLowerCase()}Either${combined.length + 1}`;
    combined.push(`const ${fn} = anyOf([${validators.join(', ')}]);`);
    return `  ${JSON.stringify(type)}: ${fn},`;
  });
  const untyped = messages.filter((m) => !m.typeConsts.length).map((m) => m.validatorName);
  return [
    `/** ${doc}, by \`type\`. */`,
    `const ${name} = {\n  __proto__: null,\n${entries.join('\n')}\n};`,
    `/** ${doc} that have no \`type\` const: tried in order when the lookup misses. */`,
    `const ${name}_UNTYPED = [${untyped.join(', ')}];`,
    '',
  ];
}

const ANY_OF = `/** Accepts what any of the validators accepts; reports the first one's errors. */
function anyOf(validators) {
  const validate = (value) => {
    for (const v of validators) if (v(value)) return true;
    validate.errors = validators[0].errors;
    return false;
  };
  return validate;
}`;
