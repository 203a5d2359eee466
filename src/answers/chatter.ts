/** Greetings, thanks and acknowledgements: answered by the usual help hint, never searched. */
const SMALL_TALK =
  /^(?:大家|各位)?(?:你好|您好|你们好|大家好|早上好|上午好|中午好|下午好|晚上好|早安|晚安|谢谢|感谢|多谢|好的|收到|明白|知道了|嗯+|哦+|ok|好|在吗|在不在|辛苦了|哈+)[啊呀哈!！。.~～\s]*$/i;
/** Bare numbers and task codes: a task number sent without `#` is for the proof flow's hint, not the KB. */
const NUMBER_ONLY = /^[#\s\d\p{P}]+$/u;
/** A study note or activity report (a proof sent without a task number): past-tense doing, no question. */
const REPORT = /(?:参加了|学习了|观看了|收看了|完成了|心得|体会|收获很大|受益匪浅)/;
const ASKING = /[?？]|怎么|咋|如何|什么|啥|么子|哪|吗|不$|能不能|可不可以|要不要|有没有|多少|好多|多久/;

/**
 * Messages that are not questions at all. Everything else that no command or proof took goes to the knowledge base,
 * and the KB's own confidence decides between an answer, a numbered "closest" list and a polite decline.
 */
export function isChatter(text: string): boolean {
  const t = text.trim();
  if (SMALL_TALK.test(t) || NUMBER_ONLY.test(t)) return true;
  return REPORT.test(t) && !ASKING.test(t);
}
