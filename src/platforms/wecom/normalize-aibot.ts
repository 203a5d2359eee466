import type { IncomingMessage, MediaKind, MediaRef } from '../../bot/incoming-message';
import { AibotPayloadError, type AibotMedia, type AibotPayload } from './aibot-payload';
import { toMediaSource } from './wecom-media-source';
import { toReplyHint } from './wecom-reply-hint';

/** How the message arrived, which decides how to answer it in-thread (see wecom-sender.ts). */
export type AibotTransport = { via: 'aibot-ws'; reqId: string } | { via: 'aibot-http'; passiveId: string };

export type AibotInbound =
  | { kind: 'message'; message: IncomingMessage }
  | { kind: 'event'; eventType: string; dedupeId: string; chatId: string; userId: string }
  | { kind: 'stream'; streamId: string }
  | { kind: 'ignored'; reason: string };

/** In a group the text starts with "@机器人名" (often followed by U+2005); the mention is not part of the command. */
export function stripMentions(text: string): string {
  let out = text.trim();
  for (let i = 0; i < 5 && out.startsWith('@'); i++) out = out.replace(/^@[^\s#＃]*\s*/u, '');
  return out.trim();
}

function mediaRef(kind: MediaKind, m: AibotMedia, transport: AibotTransport): MediaRef {
  // Long connection: every file has its own aeskey. HTTP mode: the bot's EncodingAESKey, looked up when fetching.
  const key = transport.via === 'aibot-ws' && m.aeskey ? { aeskey: m.aeskey } : {};
  return { kind, source: toMediaSource({ platform: 'wecom', via: 'aibot', url: m.url, ...key }) };
}

function content(p: AibotPayload, transport: AibotTransport): { text: string; media: MediaRef[] } | undefined {
  switch (p.msgtype) {
    case 'text':
      return { text: p.text?.content ?? '', media: [] };
    case 'voice':
      return { text: p.voice?.content ?? '', media: [] };
    case 'image':
      return { text: '', media: p.image ? [mediaRef('image', p.image, transport)] : [] };
    case 'file':
      return { text: '', media: p.file ? [mediaRef('file', p.file, transport)] : [] };
    case 'video':
      return { text: '', media: p.video ? [mediaRef('video', p.video, transport)] : [] };
    case 'mixed': {
      const items = p.mixed?.msg_item ?? [];
      const text = items
        .filter((i) => i.msgtype === 'text')
        .map((i) => i.text?.content ?? '')
        .join('\n');
      const media = items
        .filter((i) => i.msgtype === 'image' && i.image)
        .map((i) => mediaRef('image', i.image!, transport));
      return { text, media };
    }
    default:
      return undefined;
  }
}

/**
 * Quoting one's own photo, file or video and @-ing the bot with the task number is how group media the bot never
 * saw (groups deliver only @-messages) is handed in; the quoted media counts as proof (as on DingTalk).
 */
function quoteMedia(p: AibotPayload, transport: AibotTransport): MediaRef[] {
  const q = p.quote;
  if (!q) return [];
  const items = (q.mixed?.msg_item ?? [])
    .filter((i) => i.msgtype === 'image' && i.image)
    .map((i) => mediaRef('image', i.image!, transport));
  const one = (kind: MediaKind, m: AibotMedia | undefined) =>
    m && q.msgtype === kind ? [mediaRef(kind, m, transport)] : [];
  return [...one('image', q.image), ...one('file', q.file), ...one('video', q.video), ...items];
}

function quoteText(p: AibotPayload): string | undefined {
  const q = p.quote;
  if (!q) return undefined;
  const parts = [q.text?.content, q.voice?.content, ...(q.mixed?.msg_item ?? []).map((i) => i.text?.content)];
  const text = parts
    .filter((s): s is string => !!s)
    .join('\n')
    .trim();
  return text || undefined;
}

function chatOf(p: AibotPayload): { chatId: string; chatType: 'group' | 'single' } {
  if (p.chattype === 'group') {
    if (!p.chatid) throw new AibotPayloadError('field chatid: required for a group message');
    return { chatId: p.chatid, chatType: 'group' };
  }
  // A 1:1 chat is keyed by the member's userid (DESIGN.md §3), whichever WeCom channel it came through.
  return { chatId: p.from.userid, chatType: 'single' };
}

/** Turns an AI-bot payload into the one internal shape (or an event / stream poll the transport answers itself). */
export function normalizeAibot(p: AibotPayload, transport: AibotTransport, now: Date): AibotInbound {
  if (p.msgtype === 'stream') return { kind: 'stream', streamId: p.stream?.id ?? '' };
  if (p.msgtype === 'event') {
    const eventType = p.event?.eventtype ?? 'unknown';
    return { kind: 'event', eventType, dedupeId: p.msgid, chatId: chatOf(p).chatId, userId: p.from.userid };
  }
  const { chatId, chatType } = chatOf(p);
  const body = content(p, transport);
  // A message type added by WeCom later is acknowledged and skipped, not refused (a 400 would make WeCom retry).
  if (!body) return { kind: 'ignored', reason: `msgtype ${p.msgtype}` };
  const { text } = body;
  const media = [...body.media, ...quoteMedia(p, transport)];
  const at = now.toISOString();
  const replyHint = toReplyHint({ ...transport, at, ...(p.response_url ? { responseUrl: p.response_url } : {}) });
  const message: IncomingMessage = {
    platform: 'wecom',
    msgId: p.msgid,
    chatId,
    chatType,
    userId: p.from.userid,
    text: chatType === 'group' ? stripMentions(text) : text.trim(),
    media,
    quoteText: quoteText(p),
    receivedAt: at,
    replyHint,
  };
  return { kind: 'message', message };
}
