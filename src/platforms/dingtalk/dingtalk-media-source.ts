import type { MediaSource } from '../../bot/incoming-message';

/**
 * Where a DingTalk file's bytes are: a `downloadCode` for `robot/messageFiles/download`, the code of the robot that
 * received it (KB 0719), and the extension the message declared (downloads are all named `.file`).
 */
export type DingtalkMediaSource = { platform: 'dingtalk'; downloadCode: string; robotCode?: string; ext?: string };

/** The source as the core carries it (MediaRef.source). */
export function toMediaSource(source: DingtalkMediaSource): MediaSource {
  return source;
}

const optionalString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Reads a source back; undefined for anything that is not a DingTalk media source with a download code. */
export function readMediaSource(data: MediaSource | undefined): DingtalkMediaSource | undefined {
  if (data?.platform !== 'dingtalk' || typeof data.downloadCode !== 'string' || data.downloadCode === '')
    return undefined;
  const robotCode = optionalString(data.robotCode);
  const ext = optionalString(data.ext);
  return {
    platform: 'dingtalk',
    downloadCode: data.downloadCode,
    ...(robotCode ? { robotCode } : {}),
    ...(ext ? { ext } : {}),
  };
}
