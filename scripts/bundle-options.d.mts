/** Types for bundle-options.mjs (plain JavaScript: npm's postinstall reads it before any TypeScript loader). */
import type { BuildOptions } from 'esbuild';
export const BUNDLE_OPTIONS: BuildOptions;
