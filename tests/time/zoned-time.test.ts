import {
  formatLocal,
  fromLocal,
  localParts,
  parseLocalDateTime,
  parseMonth,
  startOfLocalMonth,
  startOfLocalWeek,
} from '../../src/time/zoned-time';

const TZ = 'Asia/Shanghai';

describe('zoned time', () => {
  test('local wall clock ↔ instant in Asia/Shanghai (UTC+8)', () => {
    expect(fromLocal(TZ, 2026, 12, 7, 18, 0).toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(localParts(new Date('2026-11-30T16:30:00Z'), TZ)).toMatchObject({
      year: 2026,
      month: 12,
      day: 1,
      hour: 0,
      minute: 30,
      weekday: 2,
    });
    expect(formatLocal(new Date('2026-12-07T10:00:00Z'), TZ, true)).toBe('2026-12-07 18:00');
  });
  test('works for a zone with daylight saving too', () => {
    expect(fromLocal('Europe/Berlin', 2026, 7, 1, 12, 0).toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(fromLocal('Europe/Berlin', 2026, 1, 1, 12, 0).toISOString()).toBe('2026-01-01T11:00:00.000Z');
  });
  test('week starts Monday 00:00 local; month starts on the 1st', () => {
    // Sunday 2026-12-06 23:00 local
    const sunday = new Date('2026-12-06T15:00:00Z');
    expect(startOfLocalWeek(sunday, TZ).toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(startOfLocalMonth(sunday, TZ).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });
  test('parseLocalDateTime accepts the documented form and rejects impossible dates', () => {
    expect(parseLocalDateTime('2026-12-07 18:00', TZ)?.toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(parseLocalDateTime('2026-12-07', TZ)?.toISOString()).toBe('2026-12-07T15:59:00.000Z');
    expect(parseLocalDateTime('2026-02-30 10:00', TZ)).toBeUndefined();
    expect(parseLocalDateTime('2026-12-07 25:00', TZ)).toBeUndefined();
    expect(parseLocalDateTime('明天', TZ)).toBeUndefined();
  });
  test('parseMonth', () => {
    expect(parseMonth('1990-5')).toBe('1990-05');
    expect(parseMonth('2020年3月')).toBe('2020-03');
    expect(parseMonth('2020-13')).toBeUndefined();
    expect(parseMonth('1990')).toBeUndefined();
  });
});
