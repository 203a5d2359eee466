import { visibleCommands, type CommandSpec } from '../src/bot/commands';

/** `帮助` lists only what this sender may use here, with the form of each command. */
export function usageCommand(all: () => CommandSpec[]): CommandSpec {
  return {
    name: '帮助',
    aliases: ['菜单', '?', '？'],
    audience: 'anyone',
    usage: '帮助',
    summary: '查看你可以使用的命令',
    async run(ctx) {
      const specs = await visibleCommands(ctx, all());
      const lines = specs.map((s) => `• ${s.usage}\n  ${s.summary}`);
      const proof = '提交任务：@我 并附图片或心得，注明任务号，如「#12 今天学习了……」；视频和文件请私聊我发送。';
      await ctx.reply(`支部机器人可以帮你：\n${lines.join('\n')}\n${proof}`);
    },
  };
}
