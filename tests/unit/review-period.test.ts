import { describe, expect, it } from 'vitest';
import { monthsOf, reviewPeriod } from '../../electron/core/review/review-period';

describe('the review pack’s period', () => {
  it('defaults to the last 12 months, to today, wherever the review date is (UK days, BST in summer)', () => {
    // An overdue review (September) and one still ahead give the same year: the one that has just happened.
    expect(reviewPeriod({}, '2026-11-24')).toEqual({
      from: '2025-11-25',
      to: '2026-11-24',
      startInstant: '2025-11-25T00:00:00.000Z',
      endInstant: '2026-11-25T00:00:00.000Z',
    });
    expect(reviewPeriod({}, '2026-07-15')).toEqual({
      from: '2025-07-16',
      to: '2026-07-15',
      startInstant: '2025-07-15T23:00:00.000Z',
      endInstant: '2026-07-15T23:00:00.000Z',
    });
    // 29 February: twelve months back lands on the 28th, and the period starts the day after.
    expect(reviewPeriod({}, '2028-02-29')).toMatchObject({ from: '2027-03-01', to: '2028-02-29' });
  });

  it('keeps given dates as they are (UK days, GMT in winter)', () => {
    expect(reviewPeriod({ from: '2026-01-01', to: '2026-01-31' }, '2026-11-24')).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
      startInstant: '2026-01-01T00:00:00.000Z',
      endInstant: '2026-02-01T00:00:00.000Z',
    });
  });

  it('names every month the period touches', () => {
    expect(monthsOf({ from: '2025-11-25', to: '2026-11-24' })).toHaveLength(13);
    expect(monthsOf({ from: '2026-01-31', to: '2026-03-01' })).toEqual(['2026-01', '2026-02', '2026-03']);
  });
});
