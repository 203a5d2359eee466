import type { PlatformData } from '../../bot/incoming-message';

/** What DingTalk keeps on a chat (`chat.push`): the group's custom robot webhook (设置推送) and its SEC signing secret. */
export type DingtalkPushSettings = { webhook?: string; secret?: string };

/** The settings as the core stores them on the chat. */
export function toPushSettings(settings: DingtalkPushSettings): PlatformData {
  return settings;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Reads a chat's settings; a field of the wrong type is dropped, another platform's settings read as none. */
export function readPushSettings(data: PlatformData | undefined): DingtalkPushSettings {
  const webhook = text(data?.webhook);
  const secret = text(data?.secret);
  return { ...(webhook ? { webhook } : {}), ...(secret ? { secret } : {}) };
}
