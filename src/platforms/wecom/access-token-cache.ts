import type { Clock } from '../../time/clock';
import { SendError } from '../../outbox/sender';
import { TokenCache, type FetchedToken } from '../token-cache';
import { TOKEN_ERRCODES } from './wecom-errcodes';

export type { FetchedToken };

/**
 * One app's access token (each app has its own secret and token; docs 91039). 40014/42001 drop it and the call is
 * retried once with a new one.
 */
export class AccessTokenCache extends TokenCache {
  constructor(fetchToken: () => Promise<FetchedToken>, clock: Clock) {
    super(fetchToken, clock);
  }

  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.get();
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof SendError) || !TOKEN_ERRCODES.has(Number(err.options.code))) throw err;
      this.invalidate(token);
      return call(await this.get());
    }
  }
}
