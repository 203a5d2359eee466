import { parseMeeting } from '../../src/meetings/parse-meeting';
import { parseMeetingTime, spokenClock } from '../../src/meetings/meeting-time';
import { UsageError } from '../../src/errors';

const TZ = 'Asia/Shanghai';
// Monday 2026-12-07 10:00 in Beijing.
const NOW = new Date('2026-12-07T02:00:00.000Z');
const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('meeting times as members type them', () => {
  test.each([
    ['2026-12-10 14:00', '2026-12-10 14:00'],
    ['12月10日 14:00', '2026-12-10 14:00'],
    ['明天下午3点', '2026-12-08 15:00'],
    ['明天 下午3点半', '2026-12-08 15:30'],
    ['周五晚上7点', '2026-12-11 19:00'],
    ['明天下午3:00', '2026-12-08 15:00'],
    ['今晚8点', '2026-12-07 20:00'],
    ['明天上午9点30分', '2026-12-08 09:30'],
  ])('%s starts %s', (text, start) => {
    expect(local(parseMeetingTime(text, NOW, TZ).startsAt)).toBe(start);
  });

  test('a range names the end on the same day, 下午 carried over to the end hour', () => {
    const a = parseMeetingTime('12月10日 14:00-16:30', NOW, TZ);
    expect(local(a.endsAt!)).toBe('2026-12-10 16:30');
    expect(local(parseMeetingTime('明天下午3点至5点', NOW, TZ).endsAt!)).toBe('2026-12-08 17:00');
  });

  test('a time in the past, nonsense and an end before the start are refused with the forms', () => {
    expect(() => parseMeetingTime('今天 09:00', NOW, TZ)).toThrow(/已经过去了/);
    expect(() => parseMeetingTime('下周找个时间', NOW, TZ)).toThrow(/看不懂.*明天下午3点/);
    expect(() => parseMeetingTime('明天 16:00-15:00', NOW, TZ)).toThrow(/结束时间应晚于开始时间/);
    expect(() => parseMeetingTime(undefined, NOW, TZ)).toThrow(UsageError);
  });

  test('spoken clock times become HH:mm and HH:mm stays', () => {
    expect(spokenClock('明天 18:00')).toBe('明天 18:00');
    expect(spokenClock('中午12点')).toBe(' 12:00');
  });
});

describe('安排会议 fields', () => {
  const body = (lines: string) => `学习全会精神\n${lines}`;
  test('full-width colons, spaces and defaults', () => {
    const m = parseMeeting(
      body(
        '类型： 支部党员大会\n时间：明天下午3点\n地点：村委会 二楼会议室\n签到：开始前 20 分钟至结束，需拍照\n分值：３',
      ),
      NOW,
      TZ,
    );
    expect(m).toMatchObject({
      title: '学习全会精神',
      type: 'general',
      place: '村委会 二楼会议室',
      signInLeadMinutes: 20,
      points: 3,
      photoRequired: true,
    });
    expect(Date.parse(m.endsAt) - Date.parse(m.startsAt)).toBe(2 * 3_600_000);
    const online = parseMeeting(body('类型：党课\n时间：12月10日 20:00\n线上：https://meeting.example/j/123'), NOW, TZ);
    expect(online).toMatchObject({
      type: 'lecture',
      onlineUrl: 'https://meeting.example/j/123',
      signInLeadMinutes: 30,
    });
    expect(online.photoRequired).toBe(false);
  });

  test.each([
    ['类型：座谈会\n时间：明天 15:00\n地点：会议室', /会议类型「座谈会」不认识/],
    ['时间：明天 15:00\n地点：会议室', /缺少「类型：…」/],
    ['类型：支委会\n时间：明天 15:00', /地点/],
    ['类型：支委会\n时间：今天 08:00\n地点：会议室', /已经过去了/],
    ['类型：支委会\n时间：明天 15:00\n线上：腾讯会议\n照片：需要', /只有线下会议/],
    ['类型：支委会\n时间：明天 15:00\n地点：会议室\n签到：随时', /开始前30分钟至结束/],
  ])('%s is refused', (lines, why) => {
    expect(() => parseMeeting(body(lines), NOW, TZ)).toThrow(why);
  });
});
