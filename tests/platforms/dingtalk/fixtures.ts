import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { WireJson } from '../../helpers/wire-json';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'dingtalk');

/** A recorded payload from tests/fixtures/dingtalk/, as a fresh object each time. */
export function fixture(name: string): WireJson {
  return JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8'));
}

/** A group text message from `staffId`, built on the recorded text-group payload. */
export function groupText(
  staffId: string,
  nick: string,
  text: string,
  msgId: string,
  extra: Record<string, unknown> = {},
): Record<string, WireJson> {
  return {
    ...fixture('text-group'),
    senderStaffId: staffId,
    senderNick: nick,
    senderId: `$:LWCP_v1:$${staffId}`,
    msgId,
    text: { content: ` ${text}` },
    ...extra,
  };
}

/**
 * The callback headers, computed here independently of src/: the documented algorithm (KB 0718) written out again —
 * base64(HmacSHA256(key = appSecret, data = timestamp + "\n" + appSecret)).
 */
export function signedHeaders(secret: string, timestampMs: number): { timestamp: string; sign: string } {
  const timestamp = String(timestampMs);
  const sign = createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(Buffer.from(`${timestamp}\n${secret}`, 'utf8'))
    .digest('base64');
  return { timestamp, sign };
}

/** 1×1 PNG and JPEG bytes (real magic numbers), for media downloads. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
