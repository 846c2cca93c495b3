#!/usr/bin/env node
// Entry point of the `specwire` binary. The kit ships as TypeScript source and runs through tsx,
// so a checkout works without a build step and the CLI always matches the source.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
