import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config';
import { projectRoot } from '../config/project-root';
import { ZhibuError } from '../errors';
import { KbHolder } from './kb/kb-holder';
import { QuestionAnswerer } from './question-answerer';
import { openAiGroundedLlm } from './llm/openai-grounded-llm';

/** The knowledge base shipped with the project, used when KB_DIR is not set. */
export const DEFAULT_KB_DIR = path.join(projectRoot(), 'kb');

export function kbDirOf(config: Pick<Config, 'KB_DIR'>): string {
  return config.KB_DIR ? path.resolve(config.KB_DIR) : DEFAULT_KB_DIR;
}

/**
 * Loads the KB (a malformed file stops start-up with its file and line, like a bad setting) and, when
 * OPENAI_API_KEY is set, the grounding model. A key without OPENAI_MODEL is a configuration error rather than a
 * silent fall back to offline answers.
 */
export function createAnswerer(config: Config, log: Logger): QuestionAnswerer {
  const kb = new KbHolder(kbDirOf(config));
  log.info({ kbDir: kb.dir, entries: kb.current.entries.length }, 'knowledge base loaded');
  if (!config.OPENAI_API_KEY) return new QuestionAnswerer(kb, log);
  if (!config.OPENAI_MODEL) {
    throw new ZhibuError('CONFIG_INVALID', '配置错误：设置了 OPENAI_API_KEY 但没有设置 OPENAI_MODEL', {
      fix: '请设置 OPENAI_MODEL（例如 deepseek-chat、qwen-plus），或删除 OPENAI_API_KEY 以只用知识库回答',
    });
  }
  const llm = openAiGroundedLlm({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
  });
  log.info(
    {
      model: config.OPENAI_MODEL,
      baseURL: config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
      timeoutMs: config.OPENAI_TIMEOUT_MS,
    },
    'answers grounded by a language model',
  );
  return new QuestionAnswerer(kb, log, llm);
}
