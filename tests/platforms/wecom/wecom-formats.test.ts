import crypto from 'node:crypto';
import { isZhibuError } from '../../../src/errors';
import { buildFlatXml, parseFlatXml } from '../../../src/platforms/wecom/flat-xml';
import { decryptMedia } from '../../../src/platforms/wecom/media-cipher';
import { splitByBytes } from '../../../src/text/split-by-bytes';
import { toMarkdown } from '../../../src/platforms/wecom/wecom-texts';
import { safeUrl } from '../../../src/platforms/wecom/wecom-http';
import { refEncryptMedia } from './helpers/reference-cipher';
import { BOT, MEDIA_AESKEY } from './helpers/wecom-env';

describe('splitByBytes', () => {
  test('short texts stay whole; long ones break between lines within the byte limit', () => {
    expect(splitByBytes('你好', 2048)).toEqual(['你好']);
    const lines = Array.from({ length: 100 }, (_, i) => `第${i}行：学习心得`);
    const parts = splitByBytes(lines.join('\n'), 300);
    expect(parts.every((p) => Buffer.byteLength(p) <= 300)).toBe(true);
    expect(parts.join('\n')).toBe(lines.join('\n'));
    expect(parts.every((p) => lines.includes(p.split('\n')[0]))).toBe(true);
  });

  test('a single line longer than the limit is cut at character boundaries (no broken UTF-8)', () => {
    const line = '党'.repeat(1000); // 3000 bytes
    const parts = splitByBytes(line, 2048);
    expect(parts.map((p) => Buffer.byteLength(p))).toEqual([2046, 954]);
    expect(parts.join('')).toBe(line);
    const emoji = '👍'.repeat(600);
    expect(splitByBytes(emoji, 2048).join('')).toBe(emoji);
  });
});

describe('flat XML', () => {
  test('reads CDATA exactly and plain values trimmed and unescaped; builds CDATA that survives "]]>"', () => {
    const f = parseFlatXml(
      '<xml><Encrypt><![CDATA[ a+b/= ]]></Encrypt><CreateTime> 123 </CreateTime><T>a &amp; b</T></xml>',
    );
    expect(f.get('Encrypt')).toBe(' a+b/= ');
    expect(f.get('CreateTime')).toBe('123');
    expect(f.get('T')).toBe('a & b');
    const xml = buildFlatXml([
      ['Content', 'x]]>y'],
      ['CreateTime', 5],
    ]);
    expect(xml).toBe('<xml><Content><![CDATA[x]]]]><![CDATA[>y]]></Content><CreateTime>5</CreateTime></xml>');
    expect(() => parseFlatXml('{"json": true}')).toThrow(SyntaxError);
  });
});

describe('AI-bot media decryption', () => {
  const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 37) % 256)); // fixed: the wrong-key case stays deterministic
  test("decrypts with a per-file aeskey or the bot's EncodingAESKey (32-byte padding, full pad block)", () => {
    expect(decryptMedia(refEncryptMedia(data, MEDIA_AESKEY), MEDIA_AESKEY).equals(data)).toBe(true);
    expect(decryptMedia(refEncryptMedia(data, BOT.aesKey), BOT.aesKey).equals(data)).toBe(true);
    const exact = crypto.randomBytes(64);
    expect(decryptMedia(refEncryptMedia(exact, MEDIA_AESKEY), MEDIA_AESKEY).equals(exact)).toBe(true);
  });

  test('a wrong key or a truncated download is MEDIA_FETCH_FAILED, never garbage bytes', () => {
    let err: unknown;
    try {
      decryptMedia(refEncryptMedia(data, MEDIA_AESKEY), BOT.aesKey);
    } catch (e) {
      err = e;
    }
    expect(isZhibuError(err, 'MEDIA_FETCH_FAILED')).toBe(true);
    expect(() => decryptMedia(refEncryptMedia(data, MEDIA_AESKEY).subarray(0, 100), MEDIA_AESKEY)).toThrow(
      /multiple of 16/,
    );
  });
});

describe('markdown', () => {
  test('a line starting with "# " is escaped so WeCom does not turn it into a heading; "#12" stays', () => {
    expect(toMarkdown('# 标题\n#12 任务\n正文 # 不变')).toBe('\\# 标题\n#12 任务\n正文 # 不变');
  });

  test('placeholders like <姓名> are not taken for tags, and "> " does not start a quote', () => {
    expect(toMarkdown('报到 <姓名> <流入地>\n> 引用')).toBe('报到 ＜姓名＞ ＜流入地＞\n＞ 引用');
  });
});

describe('safeUrl', () => {
  test('credentials in URLs (token, webhook key, secret, response_code) never reach an error message', () => {
    expect(safeUrl('https://q/cgi-bin/webhook/send?key=693a-secret&debug=1')).toBe(
      'https://q/cgi-bin/webhook/send?key=***&debug=1',
    );
    expect(safeUrl('https://q/cgi-bin/gettoken?corpid=ww1&corpsecret=s3cr3t')).toBe(
      'https://q/cgi-bin/gettoken?corpid=ww1&corpsecret=***',
    );
    expect(safeUrl('https://q/cgi-bin/message/send?access_token=T0K')).toBe(
      'https://q/cgi-bin/message/send?access_token=***',
    );
    expect(safeUrl('https://q/aibot/response?response_code=RC')).toBe('https://q/aibot/response?response_code=***');
  });
});
