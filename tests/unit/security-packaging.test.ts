import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { afterAllArtifactBuild, FUSE_POSITIONS } from '../../build/verify-fuses.mjs';

const root = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// The YAML parser and the schema electron-builder itself uses.
const appBuilderLib = join(require.resolve('electron-builder/package.json'), '..', '..', 'app-builder-lib');
const yaml = require(require.resolve('js-yaml', { paths: [require.resolve('builder-util/package.json')] })) as { load(text: string): unknown };
const schema = JSON.parse(readFileSync(join(appBuilderLib, 'scheme.json'), 'utf8')) as object;

type Config = Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  linux: Record<string, unknown>;
  mac: Record<string, unknown>;
  win: Record<string, unknown>;
};
const load = () => yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;
const config = load();

describe('electron-builder.yml', () => {
  it("validates against electron-builder's JSON schema (ajv, as electron-builder runs it)", () => {
    const validate = new Ajv({ allErrors: true, coerceTypes: true, strict: false }).compile(schema);
    const valid = validate(load());
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  }, 30_000);

  it("passes electron-builder's own configuration check", async () => {
    const { validateConfiguration } = require(join(appBuilderLib, 'out/util/config/config.js')) as {
      validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(validateConfiguration(load(), { isEnabled: false, add() {} })).resolves.toBeUndefined();
  }, 30_000);

  it('names the app and builds Linux AppImage and deb, a macOS dmg and a Windows NSIS installer', () => {
    expect(config).toMatchObject({ appId: 'ar.speakenglishnow.teacherdesk', productName: 'Teacher Desk' });
    // Windows toasts need the running app to use the installer's id.
    expect(readFileSync(join(root, 'main/electron/tray.ts'), 'utf8')).toContain(`setAppUserModelId('${String(config.appId)}')`);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('packs only the built app: nothing under tests/, no source maps', () => {
    const positive = config.files.filter((pattern) => !pattern.startsWith('!'));
    expect(positive.sort()).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json'].sort());
    expect(positive.some((pattern) => pattern.includes('tests') || pattern.includes('harness') || pattern === '**/*')).toBe(false);
    expect(config.files).toContain('!tests/**');
    expect(config.files).toContain('!**/*.map');
  });

  it('packs into asar with the keychain binding unpacked (a native module must be a real file)', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/@napi-rs/**');
  });

  it('sets the Electron fuses, and checks them in the packaged binaries after the build', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.afterAllArtifactBuild).toBe('./build/verify-fuses.mjs');
  });

  it('signs macOS with the hardened runtime and only the JIT entitlement', () => {
    expect(config.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist', entitlementsInherit: 'build/entitlements.mac.plist' });
    const plist = readFileSync(join(root, 'build/entitlements.mac.plist'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    expect([...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((m) => [m[1], m[2]])).toEqual([['com.apple.security.cs.allow-jit', 'true']]);
  });

  it('has its icons in build/', () => {
    expect(existsSync(join(root, 'build/icon.png'))).toBe(true);
    expect(existsSync(join(root, 'build/icons/512x512.png'))).toBe(true);
    expect(config.mac.icon).toBe('build/icon.png');
    expect(config.win.icon).toBe('build/icon.png');
    expect(config.linux.icon).toBe('build/icons');
  });
});

describe('fuse check after packaging (build/verify-fuses.mjs)', () => {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  const ON = 0x31;
  const OFF = 0x30;
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  /** A stand-in Electron binary: some bytes, the fuse sentinel, wire version 1, 8 fuses. */
  function fakeElectron(fuses: Record<string, boolean>): Buffer {
    // Electron's defaults: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges on.
    const wire = [ON, OFF, ON, ON, OFF, OFF, OFF, ON];
    for (const [name, on] of Object.entries(fuses)) wire[FUSE_POSITIONS[name]!] = on ? ON : OFF;
    return Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, wire.length, ...wire]), Buffer.alloc(1024, 9)]);
  }

  async function outDir(binaries: Record<string, Buffer>) {
    const dir = await mkdtemp(join(tmpdir(), 'teacher-desk-fuses-'));
    dirs.push(dir);
    for (const [path, content] of Object.entries(binaries)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    await writeFile(join(dir, 'linux-unpacked', 'LICENSE.electron.txt'), 'license').catch(() => {});
    return dir;
  }

  it('passes when every packaged binary has the fuses electron-builder.yml asks for', async () => {
    const dir = await outDir({
      'linux-unpacked/teacher-desk': fakeElectron(config.electronFuses),
      'mac-arm64/Teacher Desk.app/Contents/Frameworks/Electron Framework.framework/Electron Framework': fakeElectron(config.electronFuses),
    });
    await expect(afterAllArtifactBuild({ outDir: dir, configuration: config })).resolves.toEqual([]);
  });

  it('fails the build when a fuse was left as Electron ships it', async () => {
    const dir = await outDir({ 'win-unpacked/Teacher Desk.exe': fakeElectron({}) });
    await expect(afterAllArtifactBuild({ outDir: dir, configuration: config })).rejects.toThrow(/runAsNode: wanted off, found on[\s\S]*enableNodeOptionsEnvironmentVariable: wanted off, found on/);
  });

  it('fails when there is nothing to check, or no fuses configured', async () => {
    const empty = await outDir({});
    await expect(afterAllArtifactBuild({ outDir: empty, configuration: config })).rejects.toThrow(/no packaged Electron binary/);
    await expect(afterAllArtifactBuild({ outDir: empty, configuration: { electronFuses: null } })).rejects.toThrow(/sets no electronFuses/);
  });
});
