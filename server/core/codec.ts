/**
 * The generated code of a served contract (`generated/<id>/index.js`, from `specwire generate`): its
 * decoders are the server's inbound gate. Missing or stale generated code stops the start-up with
 * the command that fixes it; the server never falls back to decoding on its own.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ContractModel } from '../../contract/model.js';
import { packagePath } from '../../contract/package-root.js';

/** The package's `generated/` folder. */
export const GENERATED_DIR = packagePath('generated');

/** What a generated decoder reports (generated/<id>/index.d.ts `DecodeError`). */
export interface GeneratedDecodeError {
  kind: 'not-json' | 'not-object' | 'unknown-type' | 'invalid';
  message: string;
  type?: string;
  path?: string;
}

export type GeneratedDecodeResult = { ok: true; message: Record<string, unknown> } | { ok: false; error: GeneratedDecodeError };

/** The part of a generated module the server uses. */
export interface ContractCodec {
  readonly contractId: string;
  readonly version: string;
  decodeClientMessage(data: string | Uint8Array): GeneratedDecodeResult;
  validateServerMessage(value: unknown): GeneratedDecodeResult;
}

/** Imports `<dir>/<id>/index.js` for `model`; throws a clear error when it is missing, incomplete or stale. */
export async function loadCodec(model: ContractModel, dir = GENERATED_DIR): Promise<ContractCodec> {
  const file = join(dir, model.id, 'index.js');
  const fix = `run \`specwire generate${dir === GENERATED_DIR ? '' : ` --out ${dir}`}\``;
  if (!existsSync(file)) throw new Error(`no generated code for contract "${model.id}" (${file} is missing): ${fix}`);
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  if (typeof mod.decodeClientMessage !== 'function' || typeof mod.validateServerMessage !== 'function') {
    throw new Error(`${file} does not export decodeClientMessage and validateServerMessage: ${fix}`);
  }
  if (mod.CONTRACT_ID !== model.id || mod.CONTRACT_VERSION !== model.version) {
    throw new Error(
      `${file} was generated for ${String(mod.CONTRACT_ID)} ${String(mod.CONTRACT_VERSION)}, but the contract is ${model.id} ${model.version}: ${fix}`,
    );
  }
  return {
    contractId: model.id,
    version: model.version,
    decodeClientMessage: mod.decodeClientMessage as ContractCodec['decodeClientMessage'],
    validateServerMessage: mod.validateServerMessage as ContractCodec['validateServerMessage'],
  };
}
