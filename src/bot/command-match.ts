/**
 * One matching layer for every chat command: exact names, a table of common misspellings that are accepted as the
 * command, and a closeness rule (same pinyin, or one keystroke off for longer names) that turns a near miss into a
 * "你是不是想发：…" suggestion instead of letting it fall through to questions and answers.
 */
import { charReading } from '../text/char-reading';

/** Misspellings people type for a command word, accepted as that word (homophones an input method offers first). */
export const TYPO_ALIASES: Readonly<Record<string, string>> = {
  报道: '报到',
  保到: '报到',
  积份: '积分',
  记分: '积分',
  我的积份: '我的积分',
  排明: '排名',
  排行版: '排行榜',
  统记: '统计',
  帮主: '帮助',
  邦助: '帮助',
  任物: '任务',
  题库添家: '题库添加',
  撤消任务: '撤销任务',
  修该任务: '修改任务',
};

/**
 * What may follow a command word: nothing, a space, a line break, a task code or number, or a record code typed
 * without a space (`签到M3`, `确认Y2`, `评价H1 满意`, `LD2026-3`) as members do on a phone.
 */
const BOUNDARY = /^(?:$|[\s#\d]|[A-Za-z]{1,2}\d)/;

/**
 * Which text may follow a command word without a space: any (`true`, free text such as `建议多组织线上学习`), only
 * what the test accepts (`排名奉献`, while `排名怎么算的` stays a question), or none.
 */
export type Glued = boolean | ((rest: string) => boolean);

/** Length of the command word at the start of `text` when it is `name`, else -1. */
export function commandPrefix(text: string, name: string, glued: Glued = false): number {
  if (!text.startsWith(name)) return -1;
  const rest = text.slice(name.length);
  if (BOUNDARY.test(rest) || glued === true) return name.length;
  return glued && glued(rest) ? name.length : -1;
}

/** Every spelling that runs the command called `name` (its own name, its aliases, and their listed misspellings). */
export function spellingsOf(names: string[]): string[] {
  const typos = Object.entries(TYPO_ALIASES)
    .filter(([, target]) => names.includes(target))
    .map(([typo]) => typo);
  return [...names, ...typos];
}

const syllable = (ch: string) => (/\p{Script=Han}/u.test(ch) ? charReading(ch) : ch.toLowerCase());

/** Same length and every character sounds the same (tones ignored): what a pinyin input method mixes up. */
function soundsAlike(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  return x.length === y.length && x.every((ch, i) => ch === y[i] || syllable(ch) === syllable(y[i]));
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < Math.min(x.length, y.length) && x[i] === y[i]) i++;
  const tail = (dx: number, dy: number) => x.slice(i + dx).join('') === y.slice(i + dy).join('');
  return tail(1, 1) || tail(1, 0) || tail(0, 1);
}

/** A word close to a command name: sounds alike, or (names of 3+ characters) one character added, dropped or changed. */
export function isNear(word: string, name: string): boolean {
  if (word === name || !/\p{Script=Han}/u.test(word)) return false;
  if (soundsAlike(word, name)) return true;
  return [...name].length >= 3 && editDistanceAtMostOne(word, name);
}

/** The command a message's first word is close to, with the rest of the message, for a "did you mean" answer. */
export function nearestCommand(text: string, names: string[]): { name: string; rest: string } | undefined {
  const m = /^([^\s#\d]+)(.*)$/s.exec(text);
  if (!m) return undefined;
  const name = names.find((n) => isNear(m[1], n));
  return name === undefined ? undefined : { name, rest: m[2].trim() };
}
