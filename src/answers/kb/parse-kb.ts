import { ZhibuError } from '../../errors';
import { CATEGORY_CHOICES, parseCategory } from './category';
import type { KbEntry } from './kb-entry';

/** A malformed knowledge-base file: names the file, the line and what to write instead. */
export class KbFormatError extends ZhibuError {
  constructor(readonly file: string, readonly line: number, readonly problem: string) {
    super('CONFIG_INVALID', `知识库格式错误：${file} 第 ${line} 行：${problem}`, {
      fix: '改好后发送「重载知识库」，或重新启动机器人',
    });
    this.name = 'KbFormatError';
  }
}

const META = /^(分类|相似问法|来源)\s*[:：]\s*(.*)$/;
const MAX_TITLE = 60;

interface Draft {
  title: string;
  line: number;
  body: string[];
  meta: Map<string, { value: string; line: number }>;
}

/**
 * Parses one Markdown file: `# ` lines and `<!-- -->` comments before the first entry are ignored, each `## ` heading
 * starts an entry, and the lines `分类：` `相似问法：` `来源：` anywhere in an entry are its metadata; the rest is the answer.
 */
export function parseKb(text: string, file: string): KbEntry[] {
  const entries: KbEntry[] = [];
  let draft: Draft | undefined;
  let commentFrom = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (commentFrom) {
      if (raw.includes('-->')) commentFrom = 0;
      return;
    }
    const trimmed = raw.trim();
    if (trimmed.startsWith('<!--')) {
      if (!trimmed.includes('-->')) commentFrom = line;
      return;
    }
    if (/^##\s/.test(trimmed) || trimmed === '##') {
      if (draft) entries.push(finish(draft, file));
      draft = { title: trimmed.slice(2).trim(), line, body: [], meta: new Map() };
      if (!draft.title) throw new KbFormatError(file, line, '「## 」后面缺少标题，例如：## 异地就医备案怎么办理');
      if ([...draft.title].length > MAX_TITLE) throw new KbFormatError(file, line, `标题太长（最多 ${MAX_TITLE} 个字），请把细节写进正文`);
      return;
    }
    if (!draft) {
      if (trimmed && !/^#\s/.test(trimmed)) throw new KbFormatError(file, line, '第一个「## 标题」之前只能有「# 文件标题」或注释，请把这段文字放到某个「## 标题」下面');
      return;
    }
    if (/^#\s/.test(trimmed)) throw new KbFormatError(file, line, '「# 」一级标题只能写在文件开头；问答条目请用「## 标题」');
    const meta = META.exec(trimmed);
    if (meta) addMeta(draft, meta[1], meta[2].trim(), file, line);
    else draft.body.push(raw.trimEnd());
  });
  if (commentFrom) throw new KbFormatError(file, commentFrom, '注释「<!--」没有用「-->」结束');
  if (draft) entries.push(finish(draft, file));
  return entries;
}

function addMeta(draft: Draft, key: string, value: string, file: string, line: number): void {
  const before = draft.meta.get(key);
  if (before) throw new KbFormatError(file, line, `「${key}」在这一条里写了两次（第 ${before.line} 行已有），请合并成一行`);
  if (!value) throw new KbFormatError(file, line, `「${key}：」后面是空的，请填写内容或删除这一行`);
  draft.meta.set(key, { value, line });
}

function finish(draft: Draft, file: string): KbEntry {
  const answer = draft.body.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  if (!answer) throw new KbFormatError(file, draft.line, `「${draft.title}」没有答案正文，请在标题下面写上答案`);
  const categoryMeta = draft.meta.get('分类');
  const category = categoryMeta && parseCategory(categoryMeta.value);
  if (categoryMeta && !category) {
    throw new KbFormatError(file, categoryMeta.line, `分类「${categoryMeta.value}」不认识，只能是 ${CATEGORY_CHOICES} 之一，例如：分类：就医`);
  }
  const similar = (draft.meta.get('相似问法')?.value ?? '').split(/[；;]/).map((s) => s.trim()).filter(Boolean);
  return { title: draft.title, answer, category, similar, source: draft.meta.get('来源')?.value, file, line: draft.line };
}
