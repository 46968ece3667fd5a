import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../main/paths';

describe('resolveDataDir', () => {
  const fallback = join('/home', 'teacher', '.config', 'Teacher Desk');

  it('uses the given default when TEACHER_DESK_DATA_DIR is unset or blank', () => {
    expect(resolveDataDir({}, fallback)).toBe(resolve(fallback));
    expect(resolveDataDir({ TEACHER_DESK_DATA_DIR: '' }, fallback)).toBe(resolve(fallback));
    expect(resolveDataDir({ TEACHER_DESK_DATA_DIR: '   ' }, fallback)).toBe(resolve(fallback));
  });

  it('lets TEACHER_DESK_DATA_DIR override it', () => {
    expect(resolveDataDir({ TEACHER_DESK_DATA_DIR: '/tmp/desk-data' }, fallback)).toBe(resolve('/tmp/desk-data'));
  });

  it('makes a relative override absolute, from the current directory', () => {
    expect(resolveDataDir({ TEACHER_DESK_DATA_DIR: 'data' }, fallback)).toBe(join(process.cwd(), 'data'));
  });
});
