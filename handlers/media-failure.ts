import { MAX_MEDIA_BYTES } from '../src/bot/media-resolver';
import { isZhibuError } from '../src/errors';

const LIMIT_MB = MAX_MEDIA_BYTES / 1024 / 1024;

/**
 * What a member is told when a photo or file could not be stored: past the size bound, sending it again would fail
 * again, so they are asked for a smaller file; anything else gets `retry`.
 */
export function mediaFailureText(err: unknown, retry: string): string {
  return isZhibuError(err, 'MEDIA_TOO_LARGE')
    ? `文件太大了（上限 ${LIMIT_MB} MB），没有收下，请压缩后重新发送。`
    : retry;
}
