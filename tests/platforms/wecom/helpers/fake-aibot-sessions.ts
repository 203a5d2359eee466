import type { FakeAibotServer } from './fake-aibot-server';
import type { WireJson } from '../../../helpers/wire-json';

/**
 * The long connection's push precondition (docs 101463): a chat can be pushed to only after a user has messaged
 * the bot there, and WeCom may withdraw that later. The refusal's errcode is not documented; the errmsg says why.
 */
export const NO_SESSION = {
  errcode: 600_039,
  errmsg: 'no session: a user must send a message to the bot in this chat first',
};

export interface SessionRules {
  /** Chats a user has messaged the bot in (group chatid, or the userid of a 1:1 chat). */
  readonly open: Set<string>;
  /** WeCom withdraws the session, as users report for groups that went quiet. */
  forget(chatId: string): void;
  /** Pushes a callback frame, which opens its chat as the real server does. */
  push(body: Record<string, WireJson>, cmd?: string): string;
}

export function enforceSessions(server: FakeAibotServer): SessionRules {
  const open = new Set<string>();
  server.refusePush = (body) => (open.has(String(body?.chatid)) ? undefined : NO_SESSION);
  return {
    open,
    forget: (chatId) => {
      open.delete(chatId);
    },
    push(body, cmd) {
      if (cmd === undefined || cmd === 'aibot_msg_callback')
        open.add(body.chattype === 'group' ? body.chatid : body.from?.userid);
      return server.push(body, cmd);
    },
  };
}
