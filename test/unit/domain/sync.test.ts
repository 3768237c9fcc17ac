import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../mail-worker/domain/backoff.js';
import { chunkUids, pendingUids, planSync } from '../../../mail-worker/domain/mailbox-sync.js';
import { registerYearOf, vietnamDateOf } from '../../../mail-worker/domain/register-year.js';

describe('planSync', () => {
  it('starts from zero without a checkpoint', () => {
    expect(planSync(null, 7)).toEqual({ afterUid: 0, uidValidityChanged: false });
  });
  it('resumes after the last committed UID', () => {
    expect(planSync({ uidValidity: 7, lastUid: 120 }, 7)).toEqual({ afterUid: 120, uidValidityChanged: false });
  });
  it('starts again when UIDVALIDITY changed', () => {
    expect(planSync({ uidValidity: 7, lastUid: 120 }, 8)).toEqual({ afterUid: 0, uidValidityChanged: true });
  });
  it('drops the last message IMAP returns for N:* when nothing is new', () => {
    expect(pendingUids([120], 120)).toEqual([]);
    expect(pendingUids([125, 121, 120], 120)).toEqual([121, 125]);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially and stays under the cap, jitter within half the ceiling', () => {
    const policy = { baseMs: 1000, maxMs: 60_000 };
    expect(backoffDelay(0, 0, policy)).toBe(500);
    expect(backoffDelay(0, 0.999, policy)).toBeLessThanOrEqual(1000);
    expect(backoffDelay(3, 0, policy)).toBe(4000);
    expect(backoffDelay(20, 0.999, policy)).toBeLessThanOrEqual(60_000);
    expect(backoffDelay(20, 0, policy)).toBe(30_000);
  });
});

describe('register year', () => {
  it('restarts on 1 January in Vietnam time, not UTC', () => {
    expect(registerYearOf(new Date('2026-12-31T16:59:59Z'))).toBe(2026);
    expect(registerYearOf(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
    expect(vietnamDateOf(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });
});

describe('chunkUids', () => {
  it('keeps FETCH commands under the count and byte limits, in order', () => {
    const sizes = new Map([[1, 10], [2, 10], [3, 50], [4, 10], [5, 10]]);
    expect(chunkUids([1, 2, 3, 4, 5], sizes, 2, 1000)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunkUids([1, 2, 3, 4, 5], sizes, 10, 40)).toEqual([[1, 2], [3], [4, 5]]);
    expect(chunkUids([], sizes, 10, 40)).toEqual([]);
  });
});
