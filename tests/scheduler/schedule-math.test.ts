import { loadHolidayCalendar } from '../../src/time/holiday-calendar';
import { duePushSlot, nextPushSlot, parsePushPlan, pushSlotsAround } from '../../src/tasks/push-schedule';
import { firesBetween, nextFire, previousFire } from '../../src/scheduler/cron-times';
import { splitMessage } from '../../src/text/split-message';
import { cst } from '../jobs/jobs-fixture';

const TZ = 'Asia/Shanghai';
const calendar = loadHolidayCalendar();

describe('cron fire times in BOT_TIMEZONE', () => {
  test('weekly, daily, every 5 minutes and last-day-of-month', () => {
    expect(nextFire('0 9 * * 1', cst('2026-12-01T10:00:00'), TZ)).toEqual(cst('2026-12-07T09:00:00'));
    expect(previousFire('0 9 * * 1', cst('2026-12-07T09:00:00'), TZ)).toEqual(cst('2026-12-07T09:00:00'));
    expect(previousFire('0 9 * * 1', cst('2026-12-07T08:59:00'), TZ)).toEqual(cst('2026-11-30T09:00:00'));
    expect(nextFire('0 20 L * *', cst('2027-02-01T00:00:00'), TZ)).toEqual(cst('2027-02-28T20:00:00'));
    expect(nextFire('0 20 * * 0', cst('2026-12-06T20:00:00'), TZ)).toEqual(cst('2026-12-13T20:00:00'));
    expect(firesBetween('*/5 * * * *', cst('2026-12-07T09:00:00'), cst('2026-12-07T09:12:00'), TZ)).toEqual([
      cst('2026-12-07T09:05:00'),
      cst('2026-12-07T09:10:00'),
    ]);
  });

  test('the zone matters: 09:00 in Shanghai is 01:00 UTC', () => {
    expect(nextFire('0 9 * * *', new Date('2026-12-01T00:00:00Z'), TZ)?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(nextFire('0 9 * * *', new Date('2026-12-01T00:00:00Z'), 'UTC')?.toISOString()).toBe(
      '2026-12-01T09:00:00.000Z',
    );
  });

  test('schedules with seconds are refused', () => {
    expect(() => nextFire('*/10 * * * * *', new Date(), TZ)).toThrow('whole minutes');
  });
});

describe('branch push slots', () => {
  test('parsePushPlan accepts the usual ways of writing a weekday and time', () => {
    expect(parsePushPlan('每周一 09:00')).toEqual({ weekday: 1, time: '09:00' });
    expect(parsePushPlan('周日 8:30')).toEqual({ weekday: 7, time: '08:30' });
    expect(parsePushPlan('星期三20:05')).toEqual({ weekday: 3, time: '20:05' });
    expect(() => parsePushPlan('每天 09:00')).toThrow('看不懂');
  });

  test('the due slot, within the look-back, and the next one', () => {
    const plan = { weekday: 1, time: '09:00' };
    expect(duePushSlot(plan, cst('2026-12-07T08:59:00'), TZ, calendar, 86_400_000)).toBeUndefined();
    expect(duePushSlot(plan, cst('2026-12-07T09:00:00'), TZ, calendar, 86_400_000)?.day).toBe('2026-12-07');
    expect(duePushSlot(plan, cst('2026-12-08T09:00:00'), TZ, calendar, 86_400_000)).toBeUndefined();
    expect(nextPushSlot(plan, cst('2026-12-07T09:00:00'), TZ, calendar)?.day).toBe('2026-12-14');
  });

  test('two holiday weeks that shift to the same day give one slot (春节 2026)', () => {
    const days = pushSlotsAround({ weekday: 1, time: '09:00' }, cst('2026-02-20T12:00:00'), TZ, calendar).map(
      (s) => s.day,
    );
    expect(days.filter((d) => d === '2026-02-24')).toHaveLength(1);
    expect(days).not.toContain('2026-02-16');
    expect(days).not.toContain('2026-02-23');
  });
});

test('splitMessage keeps parts under the byte cap and loses nothing', () => {
  const text = Array.from({ length: 200 }, (_, i) => `· 党员${i}：2026-03 外出，广东广州，已 9 个月`).join('\n');
  const parts = splitMessage(text, 1800);
  expect(parts.length).toBeGreaterThan(1);
  for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(1800);
  expect(parts.join('\n')).toBe(text);
  expect(splitMessage('短')).toEqual(['短']);
  expect(splitMessage('长'.repeat(1000), 300).every((p) => Buffer.byteLength(p) <= 300)).toBe(true);
});
