import type { CommandSpec } from './commands';
import type { Middleware } from './composer';
import { gluedFreeText } from './glued-free-text';

/**
 * `意见箱在哪`, `建议怎么提`, `求助怎么用`: a short question about a free-text command is not its content (see
 * `gluedFreeText`) and no knowledge-base entry describes the bot's own commands, so the command's card answers it.
 */
export function answerCommandQuestion(specs: CommandSpec[]): Middleware {
  const freeText = specs.filter((s) => s.gluedArgs === gluedFreeText);
  return async (ctx, next) => {
    const text = ctx.commandText;
    // Reached only when no command took the text, so a free-text command's word at its start began a question.
    const spec = freeText.find((s) => [s.name, ...(s.aliases ?? [])].some((n) => text.startsWith(n) && text !== n));
    if (!spec) return next();
    const example = spec.example ? `\n例如：${spec.example}` : '';
    await ctx.reply(`「${spec.name}」的用法：${spec.summary}。\n格式：${spec.usage}${example}`);
  };
}
