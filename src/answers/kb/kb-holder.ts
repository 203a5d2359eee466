import { KnowledgeBase } from './knowledge-base';

export interface ReloadReport {
  entries: number;
  files: number;
}

/**
 * The live knowledge base. `重载知识库` builds a fresh one from KB_DIR and swaps it in only when every file parses,
 * so a typo in a file leaves the bot answering from the last good version.
 */
export class KbHolder {
  private kb: KnowledgeBase;

  constructor(readonly dir: string) {
    this.kb = KnowledgeBase.fromDir(dir);
  }

  get current(): KnowledgeBase {
    return this.kb;
  }

  /** Throws KbFormatError (file and line) and keeps the current KB when a file is malformed. */
  reload(): ReloadReport {
    const next = KnowledgeBase.fromDir(this.dir);
    this.kb = next;
    return { entries: next.entries.length, files: new Set(next.entries.map((e) => e.file)).size };
  }
}
