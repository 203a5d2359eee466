/** What the bot says on its own in WeCom (user-facing text is Simplified Chinese). */
export const WELCOME_TEXT = '你好，我是支部机器人 👋\n新同志请发送：报到 <姓名> <流入地>，例如：报到 张三 广东广州\n发送「帮助」查看全部命令；提交任务请附图片或心得，并注明任务号，如 #12。';

/** WeCom markdown would turn a line starting with "# " into a heading; our texts mean a literal hash. */
export function toMarkdown(text: string): string {
  return text.replace(/^(#{1,6})(\s)/gm, '\\$1$2');
}
