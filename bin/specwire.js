#!/usr/bin/env node
// Entry point of the `specwire` binary: the compiled CLI in dist/ (`npm run build`; `npm ci` and
// `npm install` in a checkout build it through the `prepare` script).
await import('../dist/cli/main.js');
