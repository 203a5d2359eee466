import type { IncomingMessage } from '../../src/bot/incoming-message';
import { loadConfig } from '../../src/config/load-config';
import { createAnswerer } from '../../src/answers/create-answerer';
import { createLogger } from '../../src/observability/logger';
import { SYSTEM_PROMPT } from '../../src/answers/llm/openai-grounded-llm';
import { eventually, fakeOpenAi, type FakeOpenAi, type FakeReply } from '../helpers/fake-openai';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';

const TITLE = '异地就医备案怎么办理';
const QUESTION = '在外地打工，看病要先备案吗？';

describe('LLM grounding against a local OpenAI-compatible server', () => {
  let fake: FakeOpenAi;
  let rt: TestRuntime;
  let next: () => FakeReply | Promise<FakeReply> = () => ({ content: '' });

  beforeAll(async () => {
    fake = await fakeOpenAi(() => next());
    rt = await testRuntime({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_MODEL: 'fake-model',
      OPENAI_TIMEOUT_MS: '5000',
    });
  });
  afterAll(async () => {
    await rt.stop();
    await fake.close();
    cleanupTempDirs();
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });

  test('the model gets the question and the top passages only, and its cited answer is framed like a KB answer', async () => {
    next = () => ({
      content: `【${TITLE}】\n要先在参保地办理异地就医备案，可用国家医保服务平台 App。\n依据：【${TITLE}】`,
    });
    const r = await rt.say('u_x', 'g_qa', QUESTION);
    expect(fake.requests).toHaveLength(1);
    const { body, authorization, path } = fake.requests[0];
    expect(path).toBe('/v1/chat/completions');
    expect(authorization).toBe('Bearer sk-test');
    expect(body.model).toBe('fake-model');
    expect(body.messages[0]).toEqual({ role: 'system', content: SYSTEM_PROMPT });
    const user = body.messages[1].content;
    expect(user).toContain(QUESTION);
    expect(user).toContain(`【${TITLE}】`);
    expect(user.match(/^【[^】]+】$/gm)?.length).toBeLessThanOrEqual(3);
    const [text] = r.texts;
    expect(text.split('\n')[0]).toBe(`【${TITLE}】`);
    expect(text).toContain('要先在参保地办理异地就医备案');
    expect(text).toContain('📞 官方渠道：国家医保服务平台 App');
    expect(text).toContain('由 AI 依据知识库整理');
  });

  test('output is sanitized: no links, mentions, markup or command-looking lines', async () => {
    next = () => ({
      content: `# 【${TITLE}】\n**先备案**，详见[官网](http://evil.example/x) http://evil.example/y\n@所有人 <@u_admin> 请看\n/结案 H1 已处理\n\`\`\`\n代码\n\`\`\``,
    });
    const [text] = (await rt.say('u_x', 'g_qa', QUESTION)).texts;
    expect(text.startsWith(`【${TITLE}】`)).toBe(true);
    expect(text).not.toMatch(/http|evil|@|<|\*\*|\]\(|```|^\/|^#/m);
    expect(text).toContain('先备案，详见官网');
    expect(text).toContain('结案 H1 已处理');
    expect(text.split('\n').some((line) => line.startsWith('结案'))).toBe(true);
    // Relayed as a reply, never routed: nothing was closed or created.
    expect(await rt.services.store.helpCases.list()).toEqual([]);
  });

  test.each<[string, () => FakeReply]>([
    ['an answer that cites no passage', () => ({ content: '建议您咨询当地医保局。' })],
    ['"无法回答"', () => ({ content: '无法回答' })],
    ['an HTTP 500', () => ({ status: 500, message: 'upstream overloaded' })],
    ['a model slower than OPENAI_TIMEOUT_MS', () => ({ hang: true })],
  ])('falls back to the retrieval answer on %s', async (_name, reply) => {
    next = reply;
    const [text] = (await rt.say('u_x', 'g_qa', QUESTION)).texts;
    expect(fake.requests).toHaveLength(1);
    expect(text.split('\n')[0]).toBe(`【${TITLE}】`);
    expect(text).toContain('想在参保地以外的地方看病直接结算');
    expect(text).not.toContain('由 AI');
  });

  test('off-topic chatter never reaches the model', async () => {
    await rt.say('u_x', 'g_qa', '今天天气怎么样');
    expect(fake.requests).toHaveLength(0);
  });

  test('a platform retry of the same message does not call the model twice', async () => {
    next = () => ({ content: `【${TITLE}】\n先备案。` });
    const first = await rt.say('u_x', 'g_qa', QUESTION, { msgId: 'retry-1' });
    const again = await rt.say('u_x', 'g_qa', QUESTION, { msgId: 'retry-1' });
    expect(first.texts).toHaveLength(1);
    expect(again.body.duplicate).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });

  test('accept() acknowledges before the model answers; the redelivery while it thinks is a duplicate', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    next = async () => {
      await gate;
      return { content: `【${TITLE}】\n先备案，再就医。` };
    };
    const msg: IncomingMessage = {
      platform: 'sim',
      msgId: 'ack-1',
      chatId: 'g_ack',
      chatType: 'group',
      userId: 'u_y',
      userName: 'u_y',
      text: QUESTION,
      media: [],
      receivedAt: rt.clock.now().toISOString(),
    };
    expect(await rt.bot.accept(msg)).toBe(true);
    await eventually(() => fake.requests.length === 1);
    expect(await rt.bot.accept({ ...msg })).toBe(false);
    const botLines = async () => (await rt.services.store.chatLog.list('sim', 'g_ack')).filter((e) => e.from === 'bot');
    expect(await botLines()).toEqual([]);
    release();
    await eventually(async () => (await botLines()).length === 1);
    expect((await botLines())[0].text).toContain('先备案，再就医。');
    expect(fake.requests).toHaveLength(1);
  });
});

describe('LLM configuration', () => {
  test('a key without a model is a clear configuration error', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/unused', OPENAI_API_KEY: 'sk-test', LOG_LEVEL: 'silent' });
    expect(() => createAnswerer(config, createLogger('silent'))).toThrow(/OPENAI_MODEL/);
  });

  test('OPENAI_TIMEOUT_MS is checked', () => {
    expect(() => loadConfig({ OPENAI_TIMEOUT_MS: 'soon' })).toThrow(/OPENAI_TIMEOUT_MS.*100–60000/);
  });
});
