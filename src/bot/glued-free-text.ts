/**
 * Whether free text typed right after a command word (`建议多组织线上学习`, `求助孩子上学要什么材料`) is the
 * command's content, or a question about the command itself that only starts with its word (`意见箱在哪`,
 * `建议怎么提`, `求助电话是多少`). Such a question must reach the answers, not open a record with "箱在哪" as its text.
 */
const ASKS_FIRST = /^(?:怎么|怎样|怎麼|如何|咋|在哪|哪里|哪儿|是什么|是啥|什么|啥|有什么|有啥|能干|干啥|干什么)/;
const ASKS = /(?:在哪|哪里|哪儿|多少|什么|啥|怎么|咋|如何|吗|么|呢|[?？])/;
/** Content longer than this is what the member wants to say, even with a question in it. */
const SHORT = 6;

export function gluedFreeText(rest: string): boolean {
  const text = rest.replace(/[\s,，。.!！~～…]+$/u, '');
  if (ASKS_FIRST.test(text)) return false;
  return [...text].length > SHORT || !ASKS.test(text);
}
