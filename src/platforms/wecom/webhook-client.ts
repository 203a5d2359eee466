import crypto from 'node:crypto';
import { SendError } from '../../outbox/sender';
import { sniffImageExt } from '../../bot/media-resolver';
import { callWecom } from './wecom-http';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/**
 * The group robot ("消息推送", formerly 群机器人) webhook: send-only, one key per group, 20 messages/min per robot
 * (docs 91770/99110). The key is the credential, so it never appears in errors or logs.
 */
export class WebhookClient {
  constructor(private readonly apiBase: string) {}

  /** Text ≤2048 bytes; `mentions` are userids (or "@all") that WeCom really @-notifies. */
  async sendText(key: string, content: string, mentions: string[] = []): Promise<void> {
    const text = mentions.length ? { content, mentioned_list: mentions } : { content };
    await this.send(key, { msgtype: 'text', text });
  }

  /** Markdown ≤4096 bytes. */
  async sendMarkdown(key: string, content: string): Promise<void> {
    await this.send(key, { msgtype: 'markdown', markdown: { content } });
  }

  /** JPG/PNG ≤2 MB, sent inline as base64 with the md5 of the raw bytes. */
  async sendImage(key: string, bytes: Buffer): Promise<void> {
    if (bytes.length > MAX_IMAGE_BYTES)
      throw new SendError(`webhook image is ${bytes.length} bytes, over 2 MB`, false, {
        fix: 'shrink the image below 2 MB',
      });
    const ext = sniffImageExt(bytes);
    if (ext !== 'jpg' && ext !== 'png')
      throw new SendError('webhook image must be JPG or PNG', false, { fix: 'convert the image to JPG or PNG' });
    const md5 = crypto.createHash('md5').update(bytes).digest('hex');
    await this.send(key, { msgtype: 'image', image: { base64: bytes.toString('base64'), md5 } });
  }

  private async send(key: string, body: unknown): Promise<void> {
    const url = `${this.apiBase.replace(/\/+$/, '')}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
    await callWecom('webhook/send', url, body);
  }
}
