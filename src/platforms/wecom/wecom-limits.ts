/** WeCom's size limits are UTF-8 bytes (text 2048, markdown 4096), and a CJK character is 3 of them. */
export const TEXT_MAX_BYTES = 2048;
export const MARKDOWN_MAX_BYTES = 4096;
/** AI-bot markdown (stream replies, response_url, long-connection pushes) allows 20480 bytes (docs 101031, 101138). */
export const AIBOT_MARKDOWN_MAX_BYTES = 20_480;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** AI bot: 30 messages/min and 1000/hour per conversation, replies and pushes counted together (docs 101463). */
export const AIBOT_PER_CONVERSATION = [
  { max: 30, windowMs: MINUTE },
  { max: 1000, windowMs: HOUR },
] as const;
/** Group robot webhook: 20 messages/min per robot key (docs 91770/99110). */
export const WEBHOOK_PER_KEY = [{ max: 20, windowMs: MINUTE }] as const;
/** Self-built app message/send: 30/min and 1000/hour per member, the excess dropped silently (docs 90236). */
export const APP_PER_MEMBER = [
  { max: 30, windowMs: MINUTE },
  { max: 1000, windowMs: HOUR },
] as const;
