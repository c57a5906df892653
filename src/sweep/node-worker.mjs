// Worker-thread bootstrap: registers the TypeScript loader, then runs the TS worker body.
import { register } from 'tsx/esm/api';
register();
await import('./node-worker-body.ts');
