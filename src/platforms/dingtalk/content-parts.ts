import type { MediaKind, MediaRef } from '../../bot/incoming-message';
import { toMediaSource } from './dingtalk-media-source';

/** Text and media read out of one DingTalk message body (or a quoted one). */
export interface ContentParts {
  text: string;
  media: MediaRef[];
}

type Obj = Record<string, unknown>;

const asObj = (v: unknown): Obj => {
  if (typeof v === 'string') {
    // Some payloads carry `content` as a JSON string rather than an object.
    try {
      return asObj(JSON.parse(v));
    } catch {
      return {};
    }
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** Where a file's bytes can be fetched: `robot/messageFiles/download` with the receiving robot's code (KB 0719). */
function mediaRef(
  kind: MediaKind,
  content: Obj,
  robotCode: string,
  extra: { name?: string; ext?: string } = {},
): MediaRef | undefined {
  const downloadCode = str(content.downloadCode) ?? str(content.pictureDownloadCode);
  if (!downloadCode) return undefined;
  return {
    kind,
    ...(extra.name ? { name: extra.name } : {}),
    source: toMediaSource({ platform: 'dingtalk', downloadCode, robotCode, ...(extra.ext ? { ext: extra.ext } : {}) }),
  };
}

/** The @robot mention can arrive as its own text node, or at the head of one (DP faq.md); commands start after it. */
function stripLeadingMentions(text: string): string {
  return text.replace(/^(?:\s*@[^\s@]+)+\s*/u, '').trim();
}

/** richText: an ordered array of `{text}` and `{type:"picture", downloadCode}` nodes; `"\n"` comes as its own node. */
export function richTextParts(nodes: unknown, robotCode: string): ContentParts {
  const texts: string[] = [];
  const media: MediaRef[] = [];
  for (const raw of Array.isArray(nodes) ? nodes : []) {
    const node = asObj(raw);
    const type = str(node.type) ?? str(node.msgType);
    if (type === 'picture' || (!type && (node.downloadCode || node.pictureDownloadCode))) {
      const ref = mediaRef('image', node, robotCode);
      if (ref) media.push(ref);
      continue;
    }
    const text =
      typeof node.text === 'string' ? node.text : typeof node.content === 'string' ? node.content : undefined;
    if (text === undefined) continue;
    // A node that is only "@someone" is a mention, not content.
    if (/^\s*@[^\s@]+\s*$/u.test(text)) continue;
    texts.push(text);
  }
  return { text: stripLeadingMentions(texts.join('')), media };
}

/** Reads `msgtype` + `content` (or `text.content`) into text and media; undefined for types we do not handle. */
export function contentParts(
  msgtype: string,
  content: unknown,
  textContent: string | undefined,
  robotCode: string,
): ContentParts | undefined {
  const c = asObj(content);
  const one = (ref: MediaRef | undefined): MediaRef[] => (ref ? [ref] : []);
  switch (msgtype) {
    case 'text':
      // "@bot 你好" arrives as " 你好"; "你好@bot" as "你好": always trim (pitfall 6).
      return { text: (textContent ?? str(c.content) ?? '').trim(), media: [] };
    case 'picture':
      return { text: '', media: one(mediaRef('image', c, robotCode)) };
    case 'richText':
      return richTextParts(c.richText, robotCode);
    case 'video':
      return { text: '', media: one(mediaRef('video', c, robotCode, { ext: str(c.videoType) ?? 'mp4' })) };
    case 'file':
      return { text: '', media: one(mediaRef('file', c, robotCode, { name: str(c.fileName) })) };
    case 'audio':
      // The speech recognition result is what the member said; keep it as the message text.
      return { text: (str(c.recognition) ?? '').trim(), media: one(mediaRef('voice', c, robotCode)) };
    default:
      return undefined;
  }
}

/**
 * A quoted message (`text.isReplyMsg` + `text.repliedMsg`; undocumented, seen in real payloads). Quoting one's own
 * photo or video and @-ing the bot is the way to hand in group media the bot never saw (pitfall 1), so its media
 * counts — unless the quote names another sender.
 */
export function quotedParts(replied: unknown, senderIds: string[], robotCode: string): ContentParts | undefined {
  const q = asObj(replied);
  if (Object.keys(q).length === 0) return undefined;
  const type = str(q.msgType) ?? str(q.msgtype) ?? 'text';
  const rawContent = q.content;
  const parts =
    typeof rawContent === 'string'
      ? { text: rawContent.trim(), media: [] }
      : type === 'text'
        ? { text: (str(asObj(rawContent).text) ?? str(asObj(rawContent).content) ?? '').trim(), media: [] }
        : (contentParts(type, rawContent, str(asObj(rawContent).text), robotCode) ?? { text: '', media: [] });
  const quotedSender = str(q.senderId) ?? str(q.senderStaffId);
  const ownMedia = !quotedSender || senderIds.includes(quotedSender);
  return { text: parts.text, media: ownMedia ? parts.media : [] };
}
