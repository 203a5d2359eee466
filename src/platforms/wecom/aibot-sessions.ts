import type { ChatType } from '../../bot/incoming-message';
import type { BotServices } from '../../bot/services';
import { readPushSettings, toPushSettings } from './wecom-push-settings';

/** Where the AI bot stands in a chat, kept in the chat's platform-owned push settings (`chat.push`). */
export type SessionState = 'active' | 'needed' | 'unknown';

/**
 * The AI bot may push into a chat (group or 1:1) only after a user has messaged it there (docs 101463), and WeCom
 * can withdraw that later. This book records both facts durably per chat: a member's message makes the chat
 * `active`; a push refused for lack of a session makes it `needed` until the next message. Listeners hear of a
 * chat becoming active, so held posts go out at once.
 */
export class AibotSessions {
  private readonly known = new Map<string, SessionState>();
  private readonly listeners: Array<(chatId: string) => void> = [];

  constructor(private readonly services: Pick<BotServices, 'store' | 'clock'>) {}

  onActive(listener: (chatId: string) => void): void {
    this.listeners.push(listener);
  }

  /** A user messaged the bot in this chat. Written only when the state changes (the callback path stays fast). */
  async messaged(chatId: string, chatType: ChatType): Promise<void> {
    if (this.known.get(chatId) === 'active') return;
    const { store, clock } = this.services;
    const chat = await store.chats.upsertSeen({ platform: 'wecom', chatId, chatType }, clock.now());
    const settings = readPushSettings(chat.push);
    if (settings.aibotSession !== 'active') {
      await store.chats.setPush(
        'wecom',
        chatId,
        toPushSettings({ ...settings, aibotSession: 'active', aibotSessionSince: clock.now().toISOString() }),
      );
    }
    this.known.set(chatId, 'active');
    for (const listener of this.listeners) listener(chatId);
  }

  /** WeCom refused a push here for lack of a session; returns since when (the episode the secretary is told about). */
  async refused(chatId: string): Promise<string> {
    const { store, clock } = this.services;
    const chat = await store.chats.get('wecom', chatId);
    this.known.set(chatId, 'needed');
    const settings = readPushSettings(chat?.push);
    if (settings.aibotSession === 'needed' && settings.aibotSessionSince) return settings.aibotSessionSince;
    const since = clock.now().toISOString();
    if (chat)
      await store.chats.setPush(
        'wecom',
        chatId,
        toPushSettings({ ...settings, aibotSession: 'needed', aibotSessionSince: since }),
      );
    return since;
  }

  async state(chatId: string): Promise<{ state: SessionState; since?: string }> {
    const settings = readPushSettings((await this.services.store.chats.get('wecom', chatId))?.push);
    const state = settings.aibotSession;
    if (state) return { state, since: settings.aibotSessionSince };
    return { state: 'unknown' };
  }
}
