import type { IncomingMessage, MediaKind, MediaRef } from '../../bot/incoming-message';
import { CallbackFormatError } from './callback-errors';
import { toMediaSource } from './wecom-media-source';
import { toReplyHint } from './wecom-reply-hint';

export type AppInbound =
  { kind: 'message'; message: IncomingMessage } | { kind: 'event'; event: string; dedupeId: string; userId: string };

function required(f: Map<string, string>, name: string): string {
  const v = f.get(name);
  if (!v) throw new CallbackFormatError(`field ${name} missing`);
  return v;
}

function media(kind: MediaKind, f: Map<string, string>, name?: string): MediaRef[] {
  return [
    {
      kind,
      ...(name ? { name } : {}),
      source: toMediaSource({ platform: 'wecom', via: 'app', mediaId: required(f, 'MediaId') }),
    },
  ];
}

/** Text and media of one app message (docs 96467): text, image, voice, video, file, link, location. */
function content(f: Map<string, string>): { text: string; media: MediaRef[] } | undefined {
  switch (f.get('MsgType')) {
    case 'text':
      return { text: f.get('Content') ?? '', media: [] };
    case 'image':
      return { text: '', media: media('image', f) };
    // With speech recognition switched on, WeCom adds the transcript as Recognition.
    case 'voice':
      return { text: f.get('Recognition') ?? '', media: media('voice', f, `voice.${f.get('Format') ?? 'amr'}`) };
    case 'video':
      return { text: '', media: media('video', f) };
    case 'file':
      return { text: '', media: media('file', f, f.get('FileName') ?? f.get('Title')) };
    case 'link':
      return { text: [f.get('Title'), f.get('Description'), f.get('Url')].filter(Boolean).join('\n'), media: [] };
    case 'location':
      return {
        text: `[位置] ${f.get('Label') ?? ''} (${f.get('Location_X')}, ${f.get('Location_Y')})`.trim(),
        media: [],
      };
    default:
      return undefined;
  }
}

/**
 * Events carry no MsgId: FromUserName + CreateTime alone would merge different same-second events, so the event
 * name and its distinguishing fields join the key (WxJava #1745/#3311).
 */
export function appEventKey(f: Map<string, string>): string {
  const parts = ['FromUserName', 'CreateTime', 'Event', 'EventKey', 'ChangeType', 'AgentID', 'ExternalUserID'].map(
    (k) => f.get(k) ?? '',
  );
  return `evt:${parts.join(':')}`;
}

/** The self-built app's decrypted XML fields → the internal message. App messages are always 1:1. */
export function normalizeApp(
  f: Map<string, string>,
  passiveId: (msgId: string) => string,
  now: Date,
): AppInbound | undefined {
  const userId = required(f, 'FromUserName');
  if (f.get('MsgType') === 'event')
    return { kind: 'event', event: f.get('Event') ?? '', dedupeId: appEventKey(f), userId };
  const body = content(f);
  if (!body) return undefined;
  const msgId = f.get('MsgId') || appEventKey(f);
  const message: IncomingMessage = {
    platform: 'wecom',
    msgId,
    chatId: userId,
    chatType: 'single',
    userId,
    text: body.text.trim(),
    media: body.media,
    receivedAt: now.toISOString(),
    replyHint: toReplyHint({ via: 'app', passiveId: passiveId(msgId), at: now.toISOString() }),
  };
  return { kind: 'message', message };
}
