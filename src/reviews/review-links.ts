import { randomBytes } from 'node:crypto';
import { deriveKey, readToken, signToken } from '../access/signed-token';
import type { Review } from './review';

interface ReviewLinkPayload {
  /** Member id. */
  m: number;
  /** Review id. */
  r: number;
  /** Expiry (the review's closing), epoch milliseconds. */
  e: number;
  n: string;
}

export type ReviewLinkCheck =
  { ok: true; memberId: number; reviewId: number } | { ok: false; reason: 'invalid' | 'expired' };

export const REVIEW_LINK_REFUSALS = {
  invalid: '测评链接无效（可能没有复制完整）。请在与机器人的单聊里发送「测评」重新获取。',
  expired: '这次测评已经截止，链接失效了。',
} as const;

/**
 * Personal answer-page links, signed with their own key derived from the dashboard secret (a login link or a
 * session cookie never passes as one). The link is spent by the vote itself: the voter mark lets each member
 * answer once, however many links they were sent.
 */
export class ReviewLinks {
  readonly #key: Buffer;

  constructor(
    secret: Buffer,
    readonly baseUrl: string,
  ) {
    this.#key = deriveKey(secret, 'review-link');
  }

  issue(memberId: number, review: Pick<Review, 'id' | 'closesAt'>): string {
    const token = signToken(this.#key, {
      m: memberId,
      r: review.id,
      e: Date.parse(review.closesAt),
      n: randomBytes(9).toString('base64url'),
    } satisfies ReviewLinkPayload);
    return `${this.baseUrl}/review/answer?t=${token}`;
  }

  check(token: string | undefined, now: Date): ReviewLinkCheck {
    const p = readToken<ReviewLinkPayload>(this.#key, token);
    if (!p || typeof p.m !== 'number' || typeof p.r !== 'number' || typeof p.e !== 'number')
      return { ok: false, reason: 'invalid' };
    if (now.getTime() >= p.e) return { ok: false, reason: 'expired' };
    return { ok: true, memberId: p.m, reviewId: p.r };
  }
}
