/** Typed errors with a code and a fix, so every boundary can say what went wrong and what to do (bolt's ErrorCode). */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'SIGNATURE_MISMATCH'
  | 'DECRYPT_FAILED'
  | 'BAD_REQUEST'
  | 'STORE_CONFLICT'
  | 'STORE_MIGRATION'
  | 'STORE_UNAVAILABLE'
  | 'SEND_FAILED'
  | 'SEND_RATE_LIMITED'
  | 'MEDIA_FETCH_FAILED'
  | 'MEDIA_TOO_LARGE'
  | 'HANDLER_FAILED'
  | 'PLATFORM_API';

export class ZhibuError extends Error {
  readonly code: ErrorCode;
  readonly fix?: string;
  constructor(code: ErrorCode, message: string, options: { fix?: string; cause?: unknown } = {}) {
    super(options.fix ? `${message}: ${options.fix}` : message, { cause: options.cause });
    this.name = 'ZhibuError';
    this.code = code;
    this.fix = options.fix;
  }
}

export function isZhibuError(err: unknown, code?: ErrorCode): err is ZhibuError {
  return err instanceof ZhibuError && (code === undefined || err.code === code);
}

/** Thrown by a command for malformed input: the reply names the problem and shows the correct form. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
