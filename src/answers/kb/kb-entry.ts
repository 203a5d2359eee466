import type { Category } from './category';

/** One `## ` section of a knowledge-base Markdown file. */
export interface KbEntry {
  title: string;
  answer: string;
  category?: Category;
  /** Other ways members ask the same question (`相似问法：…；…`). */
  similar: string[];
  /** The official channel to contact (`来源：…`). */
  source?: string;
  /** Where the entry is written, for error messages and `重载知识库` reports. */
  file: string;
  line: number;
}
