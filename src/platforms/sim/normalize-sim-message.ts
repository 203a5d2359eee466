import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { IncomingMessage, MediaRef } from '../../bot/incoming-message';
import { extensionFor, sniffImageExt } from '../../bot/media-resolver';
import type { CounterRepo } from '../../store/counter-repo';
import type { BlobRepo } from '../../store/store';
import { reserveSimUploads } from './upload-quota';

const MAX_MEDIA_BYTES = 3 * 1024 * 1024;
const base64 = z.string().regex(/^(data:[\w/+.-]+;base64,)?[A-Za-z0-9+/=\s]+$/, { message: '应为 base64 编码' });

/** The simulator's wire format (DESIGN.md §3). Field names here are the simulator's own. */
export const simMessageSchema = z
  .object({
    chatId: z.string().trim().min(1, { message: '不能为空' }).max(128),
    chatType: z.enum(['group', 'single'], { message: '应为 group 或 single' }).optional(),
    chatTitle: z.string().max(100).optional(),
    userId: z.string().trim().min(1, { message: '不能为空' }).max(128),
    userName: z.string().trim().max(64).optional(),
    text: z.string().max(10_000, { message: '太长（最多 10000 字）' }).optional(),
    images: z.array(base64).max(9, { message: '最多 9 张' }).optional(),
    files: z
      .array(z.object({ name: z.string().trim().min(1).max(200), base64 }))
      .max(5, { message: '最多 5 个' })
      .optional(),
    msgId: z.string().trim().min(1).max(128).optional(),
  })
  .strict()
  .refine((m) => (m.text?.trim() ?? '') !== '' || (m.images?.length ?? 0) > 0 || (m.files?.length ?? 0) > 0, {
    message: 'text、images、files 至少要有一项',
    path: ['text'],
  });

export type SimMessage = z.infer<typeof simMessageSchema>;

export class SimInputError extends Error {}

function decode(data: string, field: string): Buffer {
  const bytes = Buffer.from(data.replace(/^data:[^,]*,/, ''), 'base64');
  if (bytes.length === 0) throw new SimInputError(`${field} 为空`);
  if (bytes.length > MAX_MEDIA_BYTES) throw new SimInputError(`${field} 超过 3 MB`);
  return bytes;
}

/** Validates a simulator request and stores its attachments, giving the same `IncomingMessage` a platform would. */
export async function normalizeSimMessage(
  body: unknown,
  blobs: BlobRepo,
  now: Date,
  counters?: CounterRepo,
): Promise<IncomingMessage> {
  const parsed = simMessageSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SimInputError(`字段 ${issue.path.join('.') || '(body)'} ${issue.message}`);
  }
  const m = parsed.data;
  const images = (m.images ?? []).map((img, i) => {
    const bytes = decode(img, `images[${i}]`);
    const ext = sniffImageExt(bytes);
    if (!ext) throw new SimInputError(`images[${i}] 不是 JPG/PNG/GIF/WEBP 图片`);
    return { bytes, ext };
  });
  const files = (m.files ?? []).map((f, i) => ({
    name: f.name,
    bytes: decode(f.base64, `files[${i}]`),
    ext: extensionFor(f.name, undefined, 'file'),
  }));
  const refusal =
    counters &&
    (await reserveSimUploads(
      counters,
      m.userId,
      [...images, ...files].map((x) => x.bytes.length),
      now,
    ));
  if (refusal) throw new SimInputError(refusal);
  const media: MediaRef[] = [];
  for (const img of images) {
    const stored = await blobs.put(img.bytes, img.ext);
    media.push({ kind: 'image', sha256: stored.sha256, size: stored.size });
  }
  for (const f of files) {
    const kind = ['mp4', 'mov', 'avi', 'mkv'].includes(f.ext) ? 'video' : 'file';
    const stored = await blobs.put(f.bytes, f.ext);
    media.push({ kind, name: f.name, sha256: stored.sha256, size: stored.size });
  }
  const chatType = m.chatType ?? (m.chatId === m.userId ? 'single' : 'group');
  return {
    platform: 'sim',
    msgId: m.msgId ?? randomUUID(),
    chatId: m.chatId,
    chatType,
    chatTitle: m.chatTitle,
    userId: m.userId,
    userName: m.userName,
    text: m.text?.trim() ?? '',
    media,
    receivedAt: now.toISOString(),
  };
}
