import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chunkGroups, pluginChunks } from './bundleSizes';

function writeChunk(
  dist: string,
  name: string,
  sources: string[],
  code = `/* ${name} */`,
) {
  fs.writeFileSync(path.join(dist, 'static', name), code);
  fs.writeFileSync(
    path.join(dist, 'static', `${name}.map`),
    JSON.stringify({ version: 3, sources, mappings: '' }),
  );
}

describe('pluginChunks', () => {
  let dist: string;
  beforeEach(() => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-'));
    fs.mkdirSync(path.join(dist, 'static'));
    fs.writeFileSync(
      path.join(dist, 'index.html'),
      '<html><head><script defer="defer" src="/static/runtime.1.js"></script><script defer="defer" src="/static/main.2.js"></script></head></html>',
    );
  });
  afterEach(() => fs.rmSync(dist, { recursive: true, force: true }));

  it('finds the chunks with the plugin’s sources, loaded initially when index.html names them', () => {
    writeChunk(dist, 'runtime.1.js', ['webpack://app/webpack/runtime']);
    writeChunk(dist, 'main.2.js', [
      'webpack://app/./src/App.tsx',
      'webpack://app/../../plugins/incident-followups/src/plugin.ts',
    ]);
    writeChunk(dist, '42.3.chunk.js', [
      'webpack://app/../../plugins/incident-followups/src/components/Page.tsx',
      'webpack://app/../../plugins/incident-followups-common/src/dueDates.ts',
      'webpack://app/../../node_modules/luxon/src/luxon.js',
    ]);
    writeChunk(dist, '43.4.chunk.js', [
      'webpack://app/../../plugins/incident-followups-backend/src/plugin.ts',
    ]);
    fs.writeFileSync(path.join(dist, 'static', 'nomap.js'), '');

    const chunks = pluginChunks(dist);
    expect(
      chunks.map(({ file, initial, pluginModules, modules }) => ({
        file,
        initial,
        pluginModules,
        modules,
      })),
    ).toEqual(
      expect.arrayContaining([
        {
          file: 'static/main.2.js',
          initial: true,
          pluginModules: 1,
          modules: 2,
        },
        {
          file: 'static/42.3.chunk.js',
          initial: false,
          pluginModules: 2,
          modules: 3,
        },
      ]),
    );
    expect(chunks).toHaveLength(2);
    expect(chunks[0].gzipBytes).toBeGreaterThan(0);
    expect(chunks.some(c => c.loadedOnlyWithPlugin)).toBe(false);
  });

  it('counts the lazy chunks only the plugin’s lazy loads fetch with its own', () => {
    writeChunk(dist, 'runtime.1.js', ['webpack://app/webpack/runtime']);
    writeChunk(
      dist,
      'main.2.js',
      ['webpack://app/./src/App.tsx'],
      [
        // The plugin's page, with a charts library only it uses and a
        // library the catalog's page uses too.
        'const a=()=>Promise.all([s.e("44"),s.e("45"),s.e("42")]).then(s.bind(s,1));',
        'const b=()=>Promise.all([s.e("45"),s.e("46")]).then(s.bind(s,2));',
        'const c=()=>s.e(47).then(s.bind(s,3));',
      ].join('\n'),
    );
    writeChunk(dist, '42.3.chunk.js', [
      'webpack://app/../../plugins/incident-followups/src/components/Page.tsx',
    ]);
    writeChunk(
      dist,
      '44.5.chunk.js',
      ['webpack://app/../../node_modules/chart.js/dist/chart.js'],
      '/* chart.js */',
    );
    for (const name of ['45.6.chunk.js', '46.7.chunk.js', '47.8.chunk.js']) {
      writeChunk(dist, name, ['webpack://app/../../node_modules/lib/index.js']);
    }

    const chunks = pluginChunks(dist);
    expect(
      chunks
        .map(({ file, loadedOnlyWithPlugin, pluginModules }) => ({
          file,
          loadedOnlyWithPlugin,
          pluginModules,
        }))
        .sort((a, b) => a.file.localeCompare(b.file)),
    ).toEqual([
      {
        file: 'static/42.3.chunk.js',
        loadedOnlyWithPlugin: false,
        pluginModules: 1,
      },
      {
        file: 'static/44.5.chunk.js',
        loadedOnlyWithPlugin: true,
        pluginModules: 0,
      },
    ]);
  });

  it('reads which chunks each lazy load fetches together', () => {
    expect(
      chunkGroups([
        'x=Promise.all([n.e("8019"),n.e("9668")]).then(n.bind(n,5));y=n.e(25).then(f)',
        'z=Promise.all([r.e(7),r.e("react-syntax_highlight")])',
      ]),
    ).toEqual([['8019', '9668'], ['25'], ['7', 'react-syntax_highlight']]);
  });

  it('names the missing build', () => {
    fs.rmSync(path.join(dist, 'index.html'));
    expect(() => pluginChunks(dist)).toThrow(
      `no production build in ${dist}: build the app with 'yarn workspace app build'`,
    );
  });
});
