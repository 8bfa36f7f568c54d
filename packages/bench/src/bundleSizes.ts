import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** One chunk of the app's production build that holds code of the plugin. */
export interface PluginChunk {
  file: string;
  initial: boolean;
  bytes: number;
  gzipBytes: number;
  /** The plugin's source files in it, against all its source files. */
  pluginModules: number;
  modules: number;
}

const PLUGIN_SOURCES = [
  /plugins\/incident-followups\//,
  /plugins\/incident-followups-common\//,
];

/** The scripts `index.html` loads: the chunks every page loads. */
function initialScripts(distDir: string): Set<string> {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  return new Set(
    [...html.matchAll(/<script[^>]*\ssrc="\/?([^"]+\.js)"/g)].map(m => m[1]),
  );
}

/**
 * The chunks of packages/app's production build that contain the plugin's
 * source files, with their gzipped sizes: each chunk's source map names its
 * sources, and `index.html` the chunks loaded initially. (The bundle stats of
 * `build --stats` said as much, but their writer stalls on this app's 130 MB
 * of stats and never finishes.)
 */
export function pluginChunks(distDir: string): PluginChunk[] {
  const staticDir = path.join(distDir, 'static');
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(
      `no production build in ${distDir}: build the app with 'yarn workspace app build'`,
    );
  }
  const initial = initialScripts(distDir);
  const result: PluginChunk[] = [];
  for (const name of fs.readdirSync(staticDir).filter(f => f.endsWith('.js'))) {
    const mapFile = path.join(staticDir, `${name}.map`);
    if (!fs.existsSync(mapFile)) continue;
    const sources: string[] =
      JSON.parse(fs.readFileSync(mapFile, 'utf8')).sources ?? [];
    const plugin = sources.filter(s => PLUGIN_SOURCES.some(p => p.test(s)));
    if (!plugin.length) continue;
    const file = `static/${name}`;
    const content = fs.readFileSync(path.join(staticDir, name));
    result.push({
      file,
      initial: initial.has(file),
      bytes: content.length,
      gzipBytes: zlib.gzipSync(content).length,
      pluginModules: plugin.length,
      modules: sources.length,
    });
  }
  return result.sort((a, b) => b.gzipBytes - a.gzipBytes);
}
