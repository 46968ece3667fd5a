// @ts-check
/**
 * electron-builder `afterAllArtifactBuild` hook (electron-builder.yml): reads
 * the Electron fuses back from every packaged binary in the output folder and
 * fails the build if one is not as `electronFuses` in electron-builder.yml
 * asks. electron-builder flips them itself (right before signing); this
 * checks that it happened, so a fuse left open cannot ship unnoticed.
 * Plain ESM, no build step: electron-builder imports it as it is.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fuses from '@electron/fuses';

const { getCurrentFuseWire, FuseV1Options } = fuses;
// From @electron/fuses' constants (not exported by its index): the marker the
// fuse wire follows in Electron's binary, and the byte of an on / off fuse.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FuseState = { DISABLE: 0x30, ENABLE: 0x31 };

/** electron-builder's electronFuses keys -> fuse wire positions. */
export const FUSE_POSITIONS = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

/**
 * The fuses of one binary (a file, or a macOS .app) that differ from `expected`.
 * @param {string} binary
 * @param {Record<string, unknown>} expected electronFuses from the configuration
 * @returns {Promise<string[]>}
 */
export async function fuseMismatches(binary, expected) {
  const wire = await getCurrentFuseWire(binary);
  const problems = [];
  for (const [name, want] of Object.entries(expected)) {
    if (typeof want !== 'boolean') continue;
    const position = FUSE_POSITIONS[/** @type {keyof typeof FUSE_POSITIONS} */ (name)];
    if (position === undefined) {
      problems.push(`${name}: not a fuse this check knows`);
      continue;
    }
    const state = /** @type {Record<number, number>} */ (/** @type {unknown} */ (wire))[position];
    const wanted = want ? FuseState.ENABLE : FuseState.DISABLE;
    if (state !== wanted) problems.push(`${name}: wanted ${want ? 'on' : 'off'}, found ${state === FuseState.ENABLE ? 'on' : state === FuseState.DISABLE ? 'off' : `state ${state}`}`);
  }
  return problems;
}

/**
 * Packaged Electron binaries under electron-builder's output folder:
 * <out>/<platform>-unpacked/<executable> (Linux, Windows) and <out>/mac*\/*.app.
 * @param {string} outDir
 * @returns {Promise<string[]>}
 */
export async function findPackagedBinaries(outDir) {
  const found = [];
  const sentinel = Buffer.from(SENTINEL);
  for (const entry of await readdir(outDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(outDir, entry.name);
    if (entry.name.startsWith('mac')) {
      for (const app of await readdir(dir)) if (app.endsWith('.app')) found.push(join(dir, app));
    } else if (entry.name.endsWith('-unpacked')) {
      for (const file of await readdir(dir, { withFileTypes: true })) {
        if (!file.isFile() || /\.(dll|so(\.\d+)*|pak|bin|dat|json|html|txt|node)$/i.test(file.name)) continue;
        const path = join(dir, file.name);
        if ((await readFile(path)).includes(sentinel)) found.push(path);
      }
    }
  }
  return found;
}

/** @param {{ outDir: string, configuration: { electronFuses?: Record<string, unknown> | null } }} buildResult */
export async function afterAllArtifactBuild(buildResult) {
  const expected = buildResult.configuration.electronFuses;
  if (!expected) throw new Error('electron-builder.yml sets no electronFuses: the packaged app would keep Electron\'s defaults (RunAsNode on, NODE_OPTIONS honoured).');
  const binaries = await findPackagedBinaries(buildResult.outDir);
  if (binaries.length === 0) throw new Error(`verify-fuses: no packaged Electron binary found in ${buildResult.outDir}`);
  const failures = [];
  for (const binary of binaries) {
    for (const problem of await fuseMismatches(binary, expected)) failures.push(`${binary}: ${problem}`);
  }
  if (failures.length > 0) throw new Error(`Electron fuses not as electron-builder.yml asks:\n  ${failures.join('\n  ')}`);
  console.log(`  • fuses verified in ${binaries.length} packaged binar${binaries.length === 1 ? 'y' : 'ies'}`);
  return [];
}

export default afterAllArtifactBuild;
