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

describe('localParts agrees with Intl at every instant, around offset changes too', () => {
  const formats = new Map<string, Intl.DateTimeFormat>();
  const reference = (date: Date, tz: string) => {
    const f =
      formats.get(tz) ??
      new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        weekday: 'short',
      });
    formats.set(tz, f);
    const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
    const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday) + 1;
    return [+p.year, +p.month, +p.day, +p.hour, +p.minute, +p.second, weekday];
  };
  const fields = (tz: string, ms: number) => {
    const p = localParts(new Date(ms), tz);
    return [p.year, p.month, p.day, p.hour, p.minute, p.second, p.weekday];
  };
  // Zones with summer time, half-hour summer time (Lord Howe) and quarter-hour offsets (Chatham, Kathmandu).
  const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham'];

  test.each(zones)('%s: each second of the hours around its 2026 changes, and random instants', (tz) => {
    const offset = (at: number) => {
      const r = reference(new Date(at), tz);
      return Date.UTC(r[0], r[1] - 1, r[2], r[3], r[4], r[5]) - at;
    };
    const changes: number[] = [];
    for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2027, 0, 1); day += 86_400_000) {
      if (offset(day) === offset(day + 86_400_000)) continue;
      for (let ms = day; ms <= day + 86_400_000; ms += 15 * 60_000)
        if (offset(ms - 1000) !== offset(ms)) changes.push(ms);
    }
    if (tz !== 'Asia/Shanghai') expect(changes).toHaveLength(2);
    for (const change of changes)
      for (let ms = change - 3_600_000; ms <= change + 3_600_000; ms += 7_001)
        expect(fields(tz, ms)).toEqual(reference(new Date(ms), tz));
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 48271) % 2147483647;
      const ms = Date.UTC(1990, 0, 1) + (seed / 2147483647) * (Date.UTC(2090, 0, 1) - Date.UTC(1990, 0, 1));
      expect(fields(tz, Math.floor(ms))).toEqual(reference(new Date(Math.floor(ms)), tz));
    }
  });
});
