import type { Opinion } from '../../src/opinions/opinion';
import { median, opinionMonths, rate } from '../../src/reports/opinion-report';

const TZ = 'Asia/Shanghai';
let next = 1;
function opinion(branchId: number, createdAt: string, fields: Partial<Opinion> = {}): Opinion {
  return {
    id: next++,
    kind: 'opinion',
    category: 'other',
    content: '内容',
    anonymous: false,
    branchId,
    branchSide: 'home',
    status: 'received',
    disputes: 0,
    platform: 'sim',
    sourceKey: `k${next}`,
    createdAt,
    updatedAt: createdAt,
    ...fields,
  };
}

describe('opinion figures per branch and month', () => {
  test('销号率 counts closed over received; referred ones are not closed; median days over closed ones', () => {
    const rows = opinionMonths(
      [
        opinion(1, '2026-12-01T02:00:00Z', { status: 'closed', closedAt: '2026-12-03T02:00:00Z' }),
        opinion(1, '2026-12-02T02:00:00Z', { status: 'closed', closedAt: '2026-12-07T02:00:00Z' }),
        opinion(1, '2026-12-02T02:00:00Z', { status: 'referred' }),
        opinion(1, '2026-12-02T02:00:00Z', { status: 'answered', closedAt: '2026-12-03T02:00:00Z', disputes: 1 }),
        // 23:30 on 30 November in UTC is already December in China: the local month counts.
        opinion(2, '2026-11-30T17:30:00Z', { status: 'closed', closedAt: '2026-12-01T05:30:00Z' }),
        opinion(2, '2026-11-15T02:00:00Z'),
      ],
      TZ,
    );
    expect(rows).toEqual([
      {
        branchId: 1,
        month: '2026-12',
        received: 4,
        closed: 2,
        referred: 1,
        open: 1,
        closureRate: 50,
        medianDaysToClose: 3.5,
      },
      {
        branchId: 2,
        month: '2026-12',
        received: 1,
        closed: 1,
        referred: 0,
        open: 0,
        closureRate: 100,
        medianDaysToClose: 0.5,
      },
      {
        branchId: 2,
        month: '2026-11',
        received: 1,
        closed: 0,
        referred: 0,
        open: 1,
        closureRate: 0,
        medianDaysToClose: undefined,
      },
    ]);
  });

  test('helpers: an empty base has no rate, an empty list no median', () => {
    expect(rate(2, 3)).toBe(66.7);
    expect(rate(0, 0)).toBeUndefined();
    expect(median([])).toBeUndefined();
    expect(median([5, 1, 3])).toBe(3);
  });
});
