/**
 * A DingTalk answer that is not a success: the new API's `{code, message}` with an HTTP error status, or the old
 * oapi webhooks' `{errcode, errmsg}` with HTTP 200. `code` is kept as a string either way ("send.too.fast", "130101").
 */
export class DingtalkApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fix?: string,
  ) {
    super(`dingtalk ${code} (HTTP ${status}): ${detail}`);
    this.name = 'DingtalkApiError';
  }
}
