// Starts understand-pool-child.ts the way bin/trademail.js starts trademail: tsx registered
// from code, not from the command line, so worker threads do not inherit it.
import { register } from 'tsx/esm/api';

register();
await import('./understand-pool-child.ts');
