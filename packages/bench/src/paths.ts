import path from 'node:path';

/** The bench package's directory: the bench runs from its sources, never built. */
export const BENCH_DIR = path.dirname(require.resolve('bench/package.json'));

export const REPO_ROOT = path.resolve(BENCH_DIR, '../..');
