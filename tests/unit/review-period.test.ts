import { describe, expect, it } from 'vitest';
import { monthsOf, reviewPeriod } from '../../electron/core/review/review-period';

describe('the review pack’s period', () => {
  it('defaults to the 12 months before a review date that has come', () => {
    expect(reviewPeriod({}, '2026-09-01', '2026-11-24')).toEqual({
      from: '2025-09-01',
      to: '2026-08-31',
      startInstant: '2025-08-31T23:00:00.000Z',
      endInstant: '2026-08-31T23:00:00.000Z',
    });
  });

  it('ends today when the review date is still ahead, and keeps given dates as they are (UK days, GMT in winter)', () => {
    expect(reviewPeriod({}, '2027-01-31', '2026-11-24')).toMatchObject({ from: '2025-11-25', to: '2026-11-24' });
    expect(reviewPeriod({ from: '2026-01-01', to: '2026-01-31' }, '2027-01-31', '2026-11-24')).toEqual({
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
