import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pluginChunks } from './bundleSizes';

function writeChunk(dist: string, name: string, sources: string[]) {
  fs.writeFileSync(path.join(dist, 'static', name), `/* ${name} */`);
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
  });

  it('names the missing build', () => {
    fs.rmSync(path.join(dist, 'index.html'));
    expect(() => pluginChunks(dist)).toThrow(
      `no production build in ${dist}: build the app with 'yarn workspace app build'`,
    );
  });
});
