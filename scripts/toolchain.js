#!/usr/bin/env node
/*
 * Runs one of the repo's scripts with a Node.js version that Backstage supports
 * and the Yarn release committed in .yarn/releases, installing whatever is missing
 * first: Node.js from the npm registry (the node-<platform>-<arch> package, which
 * also carries the C headers that native addons build against offline), then the
 * dependencies when yarn.lock or a package.json changed since the last install.
 *
 * Plain CommonJS with no dependencies: it must run on the Node.js that `npm start`
 * finds, which may be older than the one Backstage needs.
 */
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

// Backstage supports Node.js 22 and 24, but on 24 better-sqlite3 (the embedded
// database of `npm start`) aborts the process when it garbage-collects a statement
// (Assertion failed: (env) != nullptr in RemoveEnvironmentCleanupHook), so the
// portal runs on 22.
const SUPPORTED_NODE_MAJORS = [22];
const INSTALLED_NODE_MAJOR = 22;
const root = path.resolve(__dirname, '..');

function fail(message) {
  console.error(`toolchain: ${message}`);
  process.exit(1);
}

function run(command, args, env) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.error) fail(`${command} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

function supportedNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (SUPPORTED_NODE_MAJORS.includes(major)) {
    return {
      bin: process.execPath,
      dir: path.resolve(process.execPath, '../..'),
    };
  }
  const pkg = `node-${process.platform}-${process.arch}`;
  const toolDir = path.join(root, '.toolchain');
  const dir = path.join(toolDir, 'node_modules', pkg);
  const bin = path.join(
    dir,
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  );
  if (!fs.existsSync(bin)) {
    console.log(
      `toolchain: Node.js ${
        process.versions.node
      } is not the one this portal runs on (${SUPPORTED_NODE_MAJORS.join(
        ' or ',
      )}); installing ${pkg}@${INSTALLED_NODE_MAJOR} into .toolchain/`,
    );
    fs.mkdirSync(toolDir, { recursive: true });
    fs.writeFileSync(
      path.join(toolDir, 'package.json'),
      '{ "private": true }\n',
    );
    const npmCli = process.env.npm_execpath;
    const [npm, npmArgs] =
      npmCli && npmCli.endsWith('.js')
        ? [process.execPath, [npmCli]]
        : ['npm', []];
    const status = run(
      npm,
      [
        ...npmArgs,
        'install',
        '--prefix',
        toolDir,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        `${pkg}@${INSTALLED_NODE_MAJOR}`,
      ],
      process.env,
    );
    if (status !== 0 || !fs.existsSync(bin))
      fail(`installing ${pkg} failed (exit ${status})`);
  }
  return { bin, dir };
}

function yarnRelease() {
  const rc = fs.readFileSync(path.join(root, '.yarnrc.yml'), 'utf8');
  const match = rc.match(/^yarnPath:\s*(\S+)/m);
  if (!match) fail('.yarnrc.yml has no yarnPath');
  return path.join(root, match[1]);
}

function workspaceManifests() {
  const manifests = [path.join(root, 'package.json')];
  for (const parent of ['packages', 'plugins']) {
    const dir = path.join(root, parent);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const manifest = path.join(dir, name, 'package.json');
      if (fs.existsSync(manifest)) manifests.push(manifest);
    }
  }
  return manifests;
}

function installStamp(nodeBin) {
  const hash = crypto.createHash('sha256');
  const version = spawnSync(nodeBin, ['--version'], {
    encoding: 'utf8',
  }).stdout;
  hash.update(version);
  for (const file of [
    path.join(root, 'yarn.lock'),
    path.join(root, '.yarnrc.yml'),
    ...workspaceManifests(),
  ]) {
    hash.update(file).update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/** Rebuilds better-sqlite3 when it was built for another Node.js than this one. */
function ensureNativeAddons(nodeBin, yarn, env) {
  const probe = spawnSync(
    nodeBin,
    ['-e', "new (require('better-sqlite3'))(':memory:').close()"],
    { cwd: path.join(root, 'packages', 'backend'), env, encoding: 'utf8' },
  );
  if (probe.status === 0) return;
  console.log('toolchain: rebuilding better-sqlite3 for this Node.js');
  const status = run(nodeBin, [yarn, 'rebuild', 'better-sqlite3'], env);
  if (status !== 0) fail(`rebuilding better-sqlite3 failed (exit ${status})`);
}

function main() {
  const [script, ...args] = process.argv.slice(2);
  if (!script) fail('usage: node scripts/toolchain.js <script> [args...]');

  const node = supportedNode();
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    // npm's own settings (its user agent, nodedir=/usr) would mislead Yarn and node-gyp.
    if (key.startsWith('npm_')) delete env[key];
  }
  env.PATH = `${path.dirname(node.bin)}${path.delimiter}${env.PATH ?? ''}`;
  if (fs.existsSync(path.join(node.dir, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = node.dir;
  }
  const yarn = yarnRelease();

  const stampFile = path.join(root, 'node_modules', '.toolchain-install-stamp');
  const stamp = installStamp(node.bin);
  const installed =
    fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp;
  if (!installed) {
    console.log("toolchain: installing dependencies with the repo's Yarn");
    const installArgs = [
      yarn,
      'install',
      ...(process.env.CI ? ['--immutable'] : []),
    ];
    const status = run(node.bin, installArgs, env);
    if (status !== 0) fail(`yarn install failed (exit ${status})`);
    fs.writeFileSync(stampFile, stamp);
  }
  ensureNativeAddons(node.bin, yarn, env);

  process.exit(run(node.bin, [yarn, 'run', script, ...args], env));
}

main();
