import fs from 'node:fs';
import path from 'node:path';
import {
  addDays,
  CALENDAR_DIR,
  HolidayCalendar,
  loadHolidayCalendar,
  weekdayOf,
} from '../../src/time/holiday-calendar';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';

afterAll(cleanupTempDirs);

describe('the holiday calendar shipped in src/time/calendar', () => {
  const calendar = loadHolidayCalendar();

  test('has 2026 (official) and 2027 (provisional, said so in the file)', () => {
    expect(calendar.years.get(2026)?.status).toBe('official');
    expect(calendar.years.get(2027)?.status).toBe('provisional');
    expect(calendar.years.get(2027)?.note).toContain('暂定');
    expect(calendar.warnings([2026])).toEqual([]);
    expect(calendar.warnings([2027])[0]).toContain('暂定');
    expect(calendar.warnings([2028])[0]).toContain('请添加 src/time/calendar/2028.json');
  });

  test('2026 matches the State Council notice: 33 days off, 6 调休 working days', () => {
    let off = 0;
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) if (calendar.holidayName(d)) off++;
    expect(off).toBe(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(calendar.holidayName('2026-02-17')).toBe('春节');
    expect(calendar.holidayName('2026-10-07')).toBe('国庆节');
    expect(calendar.holidayName('2026-10-08')).toBeUndefined();
    for (const d of ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']) {
      expect(calendar.isAdjustedWorkday(d)).toBe(true);
      expect(calendar.isWorkingDay(d)).toBe(true);
    }
    expect(calendar.isWorkingDay('2026-10-05')).toBe(false); // a Monday inside 国庆节
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false); // an ordinary Sunday
  });

  test('2027 statutory days fall on the right dates (春节 = 除夕 to 初三, lunar)', () => {
    const lunar = new Intl.DateTimeFormat('zh-CN-u-ca-chinese', { timeZone: 'UTC', month: 'long', day: 'numeric' });
    expect(lunar.format(new Date('2027-02-07T00:00:00Z'))).toBe('正月1日');
    expect(['2027-02-06', '2027-02-09'].map((d) => calendar.holidayName(d))).toEqual(['春节', '春节']);
    expect(lunar.format(new Date('2027-06-09T00:00:00Z'))).toBe('五月5日');
    expect(lunar.format(new Date('2027-09-15T00:00:00Z'))).toBe('八月15日');
    expect(calendar.holidayName('2027-06-09')).toBe('端午节');
  });

  test('pushDay: a holiday moves to the next working day, a 调休 weekend day included', () => {
    expect(calendar.pushDay('2026-12-07')).toBe('2026-12-07');
    expect(calendar.pushDay('2026-10-05')).toBe('2026-10-08');
    expect(calendar.pushDay('2026-01-01')).toBe('2026-01-04'); // Sunday, 元旦调休上班
    expect(calendar.pushDay('2026-02-16')).toBe('2026-02-24');
    expect(calendar.pushDay('2026-02-23')).toBe('2026-02-24');
  });

  test('every file in the directory is valid: one year each, named after it', () => {
    for (const name of fs.readdirSync(CALENDAR_DIR).filter((n) => n.endsWith('.json'))) {
      const data = JSON.parse(fs.readFileSync(path.join(CALENDAR_DIR, name), 'utf8')) as { year: number };
      expect(name).toBe(`${data.year}.json`);
    }
  });
});

describe('adding a year is adding a file, and mistakes are caught', () => {
  const write = (data: unknown) => {
    const dir = tempDir('zhibu-cal-');
    fs.writeFileSync(path.join(dir, '2028.json'), JSON.stringify(data));
    return dir;
  };
  const base = {
    year: 2028,
    status: 'official',
    source: '国务院办公厅通知',
    holidays: [{ name: '元旦', from: '2028-01-01', to: '2028-01-03' }],
    workdays: [{ date: '2028-01-08', name: '调休' }],
  };

  test('a new file is picked up', () => {
    const cal = loadHolidayCalendar(write(base));
    expect(cal.holidayName('2028-01-02')).toBe('元旦');
    expect(weekdayOf('2028-01-08')).toBe(6);
    expect(cal.isAdjustedWorkday('2028-01-08')).toBe(true);
  });

  test.each([
    [{ ...base, workdays: [{ date: '2028-01-05', name: '调休' }] }, 'is not a Saturday or Sunday'],
    [{ ...base, holidays: [{ name: '元旦', from: '2027-12-31', to: '2028-01-01' }] }, 'is not a range inside 2028'],
    [{ ...base, holidays: [{ name: '元旦', from: '2028-02-30', to: '2028-02-30' }] }, 'is not a range inside 2028'],
    [{ ...base, status: 'draft' }, 'status'],
    [{ ...base, workdays: [{ date: '2029-01-06', name: '调休' }] }, 'is not a date in 2028'],
  ])('rejects %j', (data, problem) => {
    expect(() => loadHolidayCalendar(write(data))).toThrow(problem);
  });

  test('a day that is both holiday and workday is rejected', () => {
    expect(
      () =>
        new HolidayCalendar([
          { name: 'x', data: { ...base, holidays: [{ name: '元旦', from: '2028-01-08', to: '2028-01-08' }] } },
        ]),
    ).toThrow('both a holiday and a workday');
  });
});
