/**
 * The documents the generator's tests run on, each with its committed output: the five contracts
 * (`generated/<id>/`) and the third-party-style fixtures (`test/fixtures/codegen/out/<id>/`).
 */
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { discoverContracts } from '../../contract/discover.js';
import { loadContract } from '../../contract/load.js';
import type { ContractModel } from '../../contract/model.js';

const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES_DIR = join(ROOT, 'test/fixtures/codegen');
export const FIXTURES_OUT = join(FIXTURES_DIR, 'out');
export const GENERATED_DIR = join(ROOT, 'generated');
export const FIXTURE_FILES = ['iot-telemetry.yaml', 'chat-rooms.yaml'].map((f) => join(FIXTURES_DIR, f));

export interface GeneratedCase {
  /** Test label: the document's file name. */
  name: string;
  file: string;
  /** Folder holding `<id>/index.js`. */
  outDir: string;
}

export const GENERATED_CASES: GeneratedCase[] = [
  ...discoverContracts().map((file) => ({ name: basename(file), file, outDir: GENERATED_DIR })),
  ...FIXTURE_FILES.map((file) => ({ name: basename(file), file, outDir: FIXTURES_OUT })),
];

/** The runtime every generated index.js exports (its .d.ts is per contract; tests use the shape). */
export interface GeneratedModule {
  CONTRACT_ID: string;
  CONTRACT_VERSION: string;
  SERVER_MESSAGE_TYPES: readonly string[];
  CLIENT_MESSAGE_TYPES: readonly string[];
  MESSAGE_TYPES: readonly string[];
  decodeServerMessage(data: unknown): DecodeResult;
  decodeClientMessage(data: unknown): DecodeResult;
  validateServerMessage(value: unknown): DecodeResult;
  validateClientMessage(value: unknown): DecodeResult;
  encodeServerMessage(message: unknown): { ok: true; data: string } | { ok: false; error: DecodeError };
  encodeClientMessage(message: unknown): { ok: true; data: string } | { ok: false; error: DecodeError };
  isServerMessage(value: unknown): boolean;
  isClientMessage(value: unknown): boolean;
  [guard: `is${string}`]: (value: unknown) => boolean;
}

export interface DecodeError {
  kind: 'not-json' | 'not-object' | 'unknown-type' | 'invalid';
  message: string;
  type?: string;
  path?: string;
  schemaPath?: string;
  expected?: string;
  actual?: string;
}

export type DecodeResult = { ok: true; message: unknown } | { ok: false; error: DecodeError };

export type Validator = ((value: unknown) => boolean) & { errors?: unknown[] | null };

export async function loadCase(c: GeneratedCase): Promise<{ contract: ContractModel; runtime: GeneratedModule; validators: Record<string, Validator> }> {
  const loaded = await loadContract(c.file);
  if (!loaded.ok) throw new Error(`${c.name} does not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  const dir = join(c.outDir, loaded.contract.id);
  const runtime = (await import(pathToFileURL(join(dir, 'index.js')).href)) as GeneratedModule;
  const validators = (await import(pathToFileURL(join(dir, 'validators.js')).href)) as Record<string, Validator>;
  return { contract: loaded.contract, runtime, validators };
}
