import pino, { type Logger } from 'pino';

/**
 * Personal data never reaches the logs: phone numbers, ID numbers, family notes and message text are redacted
 * wherever they appear in a logged object.
 */
export const REDACT_PATHS = [
  'phone',
  '*.phone',
  'idCard',
  '*.idCard',
  'familyNote',
  '*.familyNote',
  'text',
  '*.text',
  'message.text',
  'content',
  '*.content',
  'req.headers.authorization',
  'req.headers.cookie',
  'secret',
  '*.secret',
  'token',
  '*.token',
];

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'zhibu-bot' } },
    destination,
  );
}
