// Stream-id arithmetic behind Redis compaction: ids compare as numbers, and the trim point never
// passes what the snapshot covers nor what is younger than the retention window.
import { describe, expect, it } from 'vitest';
import { compareStreamIds, trimPoint } from '../../server/redis-store.ts';

describe('stream ids', () => {
  it('compare by time, then sequence, as numbers', () => {
    expect(compareStreamIds('1700000000000-0', '1700000000000-0')).toBe(0);
    expect(compareStreamIds('999-5', '1000-0')).toBe(-1);
    expect(compareStreamIds('1000-10', '1000-9')).toBe(1);
    expect(compareStreamIds('0-0', '1-0')).toBe(-1);
  });

  it('trims only what the snapshot covers and what is older than the retention', () => {
    expect(trimPoint('100000-3', 0)).toBe('100000-0'); // the older of the two: same-millisecond entries stay
    expect(trimPoint('100000-3', 10)).toBe('99990-0');
    expect(trimPoint('5-3', 0)).toBe('5-0');
    expect(trimPoint('100000-3', 30_000)).toBe('70000-0');
    expect(trimPoint('100-3', 30_000)).toBe('0-0');
  });
});
