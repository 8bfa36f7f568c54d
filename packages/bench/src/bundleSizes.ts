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
  /**
   * Holds none of the plugin's sources, but only the plugin's pages load it:
   * every lazy load that fetches it fetches one of the plugin's chunks too
   * (libraries the plugin alone uses, split off by the bundler).
   */
  loadedOnlyWithPlugin: boolean;
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

/** A lazy load's call of the bundler's chunk loader: `s.e("8816")` or `s.e(25)`. */
const CHUNK_LOAD = /[\w$]+\.e\("?([\w-]+)"?\)/g;
/** The chunks one lazy load fetches together: `Promise.all([s.e("1"), s.e("2")])`. */
const CHUNK_GROUP = /Promise\.all\(\[((?:[\w$]+\.e\("?[\w-]+"?\),?)+)\]\)/g;

/**
 * The sets of chunks the build's lazy loads fetch, by chunk id, as the
 * scripts' calls of the chunk loader name them.
 */
export function chunkGroups(scripts: string[]): string[][] {
  const groups: string[][] = [];
  const idsIn = (text: string) => [...text.matchAll(CHUNK_LOAD)].map(m => m[1]);
  for (const script of scripts) {
    const alone = script.replace(CHUNK_GROUP, (_, calls: string) => {
      groups.push(idsIn(calls));
      return '';
    });
    groups.push(...idsIn(alone).map(id => [id]));
  }
  return groups;
}

/** A chunk's id, as the loader names it: the file name up to its hash. */
const chunkId = (name: string) => name.split('.')[0];

/**
 * The chunks of packages/app's production build that contain the plugin's
 * source files, with their gzipped sizes: each chunk's source map names its
 * sources, and `index.html` the chunks loaded initially. (The bundle stats of
 * `build --stats` said as much, but their writer stalls on this app's 130 MB
 * of stats and never finishes.) With them, the lazy chunks without the
 * plugin's sources that only the plugin's lazy loads fetch.
 */
export function pluginChunks(distDir: string): PluginChunk[] {
  const staticDir = path.join(distDir, 'static');
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    throw new Error(
      `no production build in ${distDir}: build the app with 'yarn workspace app build'`,
    );
  }
  const initial = initialScripts(distDir);
  const names = fs.readdirSync(staticDir).filter(f => f.endsWith('.js'));
  const sourcesOf = (name: string): string[] => {
    const mapFile = path.join(staticDir, `${name}.map`);
    return fs.existsSync(mapFile)
      ? JSON.parse(fs.readFileSync(mapFile, 'utf8')).sources ?? []
      : [];
  };
  const chunk = (name: string, sources: string[], pluginModules: number) => {
    const file = `static/${name}`;
    const content = fs.readFileSync(path.join(staticDir, name));
    return {
      file,
      initial: initial.has(file),
      bytes: content.length,
      gzipBytes: zlib.gzipSync(content).length,
      pluginModules,
      modules: sources.length,
      loadedOnlyWithPlugin: pluginModules === 0,
    };
  };
  const result: PluginChunk[] = [];
  const pluginIds = new Set<string>();
  for (const name of names) {
    const sources = sourcesOf(name);
    const plugin = sources.filter(s => PLUGIN_SOURCES.some(p => p.test(s)));
    if (!plugin.length) continue;
    pluginIds.add(chunkId(name));
    result.push(chunk(name, sources, plugin.length));
  }
  const groups = chunkGroups(
    names.map(name => fs.readFileSync(path.join(staticDir, name), 'utf8')),
  );
  const withPlugin = new Set<string>();
  const withoutPlugin = new Set<string>();
  for (const group of groups) {
    const seen = group.some(id => pluginIds.has(id))
      ? withPlugin
      : withoutPlugin;
    for (const id of group) seen.add(id);
  }
  for (const name of names) {
    const id = chunkId(name);
    if (
      pluginIds.has(id) ||
      !withPlugin.has(id) ||
      withoutPlugin.has(id) ||
      initial.has(`static/${name}`)
    ) {
      continue;
    }
    result.push(chunk(name, sourcesOf(name), 0));
  }
  return result.sort((a, b) => b.gzipBytes - a.gzipBytes);
}
