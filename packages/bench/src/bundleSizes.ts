import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** One chunk of the app's production build that holds code of the plugin. */
export interface PluginChunk {
  file: string;
  initial: boolean;
  bytes: number;
  gzipBytes: number;
  /** The plugin's modules in it, against all its modules. */
  pluginModules: number;
  modules: number;
}

const PLUGIN_SOURCES = [
  /plugins\/incident-followups\//,
  /plugins\/incident-followups-common\//,
];

interface StatsModule {
  name?: string;
  identifier?: string;
  modules?: StatsModule[];
}

interface StatsChunk {
  files?: string[];
  initial?: boolean;
  modules?: StatsModule[];
}

function flatten(modules: StatsModule[] = []): string[] {
  return modules.flatMap(m => [
    `${m.identifier ?? ''} ${m.name ?? ''}`,
    ...flatten(m.modules),
  ]);
}

/**
 * The chunks of packages/app's production build that contain the plugin's
 * modules, read from the bundle stats that `backstage-cli package build --stats`
 * writes, with their gzipped sizes.
 */
export function pluginChunks(distDir: string): PluginChunk[] {
  const statsFile = fs.readdirSync(distDir).find(f => /stats.*\.json$/.test(f));
  if (!statsFile) {
    throw new Error(
      `no bundle stats in ${distDir}: build the app with 'yarn workspace app build --stats'`,
    );
  }
  const stats = JSON.parse(
    fs.readFileSync(path.join(distDir, statsFile), 'utf8'),
  );
  const chunks: StatsChunk[] = stats.chunks ?? [];
  const result: PluginChunk[] = [];
  for (const chunk of chunks) {
    const modules = flatten(chunk.modules);
    const plugin = modules.filter(m => PLUGIN_SOURCES.some(p => p.test(m)));
    if (!plugin.length) continue;
    for (const file of (chunk.files ?? []).filter(f => f.endsWith('.js'))) {
      const content = fs.readFileSync(path.join(distDir, file));
      result.push({
        file,
        initial: !!chunk.initial,
        bytes: content.length,
        gzipBytes: zlib.gzipSync(content).length,
        pluginModules: plugin.length,
        modules: modules.length,
      });
    }
  }
  return result.sort((a, b) => b.gzipBytes - a.gzipBytes);
}
