/** What the bot says on its own in WeCom (user-facing text is Simplified Chinese). */
export const WELCOME_TEXT =
  '你好，我是支部机器人 👋\n新同志请发送：报到 <姓名> <流入地>，例如：报到 张三 广东广州\n发送「帮助」查看全部命令；提交任务请附图片或心得，并注明任务号，如 #12。';

/**
 * Our replies are plain text; WeCom renders streams, pushes and response_url messages as markdown, where a line
 * starting with "# " becomes a heading and "<姓名>" could be taken for a tag (only <font> is supported). Angle
 * brackets become their full-width forms, which read the same in Chinese text.
 */
export function toMarkdown(text: string): string {
  return text
    .replace(/</g, '＜')
    .replace(/>/g, '＞')
    .replace(/^(#{1,6})(\s)/gm, '\\$1$2');
}
