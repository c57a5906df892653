#!/usr/bin/env node
// `npx electrode-lab …`: the CLI is TypeScript (src/cli/main.ts), run through tsx's loader so
// the CLI, the worker and the tests share one source without a separate build step.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
