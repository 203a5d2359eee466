import type { PlatformData } from '../../bot/incoming-message';

/**
 * What WeCom keeps on a chat (`chat.push`): the group robot's webhook key (设置推送) and where the AI bot stands
 * there — `active` once a user messaged it, `needed` after WeCom refused a push for lack of a session, and since when.
 */
export type WecomPushSettings = {
  webhookKey?: string;
  aibotSession?: 'active' | 'needed';
  aibotSessionSince?: string;
};

/** The settings as the core stores them on the chat. */
export function toPushSettings(settings: WecomPushSettings): PlatformData {
  return settings;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Reads a chat's settings; each field of the wrong type is dropped on its own (a damaged key must not also erase
 * the session record), and anything else — another platform's settings, nothing — reads as no settings.
 */
export function readPushSettings(data: PlatformData | undefined): WecomPushSettings {
  const webhookKey = text(data?.webhookKey);
  const session = data?.aibotSession;
  const since = text(data?.aibotSessionSince);
  return {
    ...(webhookKey ? { webhookKey } : {}),
    ...(session === 'active' || session === 'needed' ? { aibotSession: session } : {}),
    ...(since ? { aibotSessionSince: since } : {}),
  };
}
