import { datesInText, exifDate } from '../../src/tasks/proof-checks/dates-in-text';

describe('dates read from a screenshot', () => {
  test('the usual forms, with OCR spaces, a time right after the date, sorted and unique', () => {
    expect(datesInText('2026-11-02 14:30\n学习强国')).toEqual(['2026-11-02']);
    expect(datesInText('2026 年 11 月 2 日 星期一 / 2026/12/1 / 2026.11.02')).toEqual(['2026-11-02', '2026-12-01']);
    expect(datesInText('2026-11-0214:30')).toEqual([]);
  });

  test('numbers that are not dates are left alone', () => {
    expect(datesInText('积分 2026-13-02 2026-11-32 1999-01-01 电话 13800138000')).toEqual([]);
  });

  test('EXIF dates are the camera wall clock; an empty EXIF date is none', () => {
    expect(exifDate('2026:11:02 14:30:00')).toBe('2026-11-02 14:30');
    expect(exifDate('0000:00:00 00:00:00')).toBeUndefined();
    expect(exifDate(undefined)).toBeUndefined();
  });
});
