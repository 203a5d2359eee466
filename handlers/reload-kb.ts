import type { CommandSpec } from '../src/bot/commands';
import { isZhibuError } from '../src/errors';
import type { QuestionAnswerer } from '../src/answers/question-answerer';

/** `重载知识库`: re-reads KB_DIR after an edit; a malformed file is reported with its line and the old KB stays. */
export function reloadKb(qa: QuestionAnswerer): CommandSpec {
  return {
    name: '重载知识库',
    audience: 'secretary',
    usage: '重载知识库',
    summary: '修改 kb/ 里的问答文件后，让机器人重新读取（不用重启）',
    async run(ctx) {
      try {
        const { entries, files } = qa.kb.reload();
        await ctx.store.audit.record(
          { actor: ctx.identity, action: 'kb.reload', subject: 'kb', detail: { entries, files } },
          ctx.now(),
        );
        await ctx.reply(`✅ 知识库已重新加载：${files} 个文件，${entries} 条问答。`);
      } catch (err) {
        if (!isZhibuError(err)) throw err;
        await ctx.reply(`❌ 知识库没有更新，仍在使用上一版（${qa.kb.current.entries.length} 条）。\n${err.message}`);
      }
    },
  };
}
