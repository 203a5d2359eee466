import { eventually, fakeOpenAi, type FakeOpenAi, type FakeReply } from '../helpers/fake-openai';
import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { startBotProcess, type BotProcess } from '../helpers/bot-process';
import { sqliteStore } from '../../src/store/sqlite/sqlite-store';

jest.setTimeout(300_000);

const MEMBERS = ['张三', '李四', '王五', '赵六', '钱七', '孙八', '周九', '吴十'];
// Each member's own note: near-identical notes from different members are held for review as copies.
const NOTES = [
  '认真学习了党章第一章，体会到党员要在外出务工中发挥先锋模范作用',
  '在工地休息时读了公报原文，以后要带头遵守安全规定，帮助新来的工友',
  '这周参加了社区的学习会，明白了流动党员也要按时过组织生活',
  '给家里的孩子讲了党史故事，孩子听得很认真，我也重温了入党誓词',
  '送外卖的间隙用手机听了学习强国的讲座，记下了三条体会准备交流',
  '和老乡们一起观看了专题片，大家讨论了怎样在城市里发挥党员作用',
  '读完材料后给支部书记打电话汇报了思想，下个月回乡参加组织生活',
  '学习了关于就业服务的新政策，准备把内容讲给厂里的年轻工友听听',
];
type Log = Array<{ from: string; text: string }>;

function talk(bot: () => BotProcess) {
  return async (userId: string, chatId: string, text: string, extra: object = {}) =>
    (await bot().post('/sim/api/messages', { chatId, userId, userName: userId, text, ...extra })).body;
}

/** Inbox rows of a stopped bot's DATA_DIR, read with a connection of the test's own. */
function inboxRows(dataDir: string): Array<{ key: string; status: string }> {
  const store = sqliteStore(dataDir);
  try {
    return store.db.prepare('SELECT key, status FROM inbox ORDER BY key').all() as Array<{
      key: string;
      status: string;
    }>;
  } finally {
    void store.close();
  }
}

describe('a killed bot keeps every acknowledged message and point', () => {
  let bot: BotProcess | undefined;
  let fake: FakeOpenAi | undefined;
  afterEach(async () => {
    await bot?.kill('SIGKILL');
    await fake?.close();
    fake = undefined;
  });
  afterAll(cleanupTempDirs);

  test('SIGKILL while replies are still pending, restart on the same DATA_DIR: every point once, nothing lost', async () => {
    const env = { DATA_DIR: tempDir('zhibu-kill-'), ZHIBU_ADMINS: 'sim:u_admin' };
    // The first run kills itself (SIGKILL) right after the first store write of the first proof it handles.
    bot = await startBotProcess({ ...env, ZHIBU_FAULT_POINT: '提交:1' });
    const say = talk(() => bot!);
    await say('u_admin', 'g_home', '绑定支部 青山村党支部 流出');
    await say('u_sec', 'g_home', '报到 王书记 广州');
    await say('u_admin', 'g_home', '设为书记 王书记');
    for (const [i, name] of MEMBERS.entries()) await say(`u_${i}`, 'g_home', `报到 ${name} 广州`);
    await say('u_sec', 'g_home', '发布任务 学习党章\n截止：2099-12-07 18:00\n分值：10');
    // Every member sends a proof at once; the process dies in the middle of handling the first of them.
    const proof = (i: number) =>
      say(`u_${i}`, 'g_home', `#1 ${MEMBERS[i]}${NOTES[i]}`, {
        msgId: `proof-${i}`,
      });
    const outcomes = await Promise.all(
      MEMBERS.map((_, i) =>
        proof(i).then(
          () => 'answered',
          () => 'cut off',
        ),
      ),
    );
    expect(outcomes).toContain('cut off');
    await bot.kill('SIGKILL');

    bot = await startBotProcess(env);
    // The platform redelivers every callback it saw no answer to; the bot has kept what it acknowledged.
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome === 'cut off') await proof(i);
    }
    for (const [i] of MEMBERS.entries())
      expect((await say(`u_${i}`, 'g_home', '积分')).replies[0].text).toContain('累计 10 分');
    await eventually(
      async () =>
        (await bot!.get('/sim/api/chats/g_home/messages')).body.messages.filter(
          (m: Log[number]) => m.from === 'bot' && m.text.includes('已收到 #1'),
        ).length >= MEMBERS.length,
      3000,
    );
    const log = (await bot.get('/sim/api/chats/g_home/messages')).body.messages as Log;
    expect(log.filter((m) => m.from === 'bot' && m.text.includes('新任务 #1'))).toHaveLength(1);
    await bot.kill('SIGTERM');
    expect(inboxRows(env.DATA_DIR).filter((r) => r.status !== 'done')).toEqual([]);
  });

  test('a message left unhandled by a crash is handled on start-up, by start-up alone', async () => {
    let answer: () => FakeReply | Promise<FakeReply> = () => ({ hang: true });
    fake = await fakeOpenAi(() => answer());
    const env = {
      DATA_DIR: tempDir('zhibu-recover-'),
      ZHIBU_ADMINS: 'sim:u_admin',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_MODEL: 'fake-model',
      OPENAI_TIMEOUT_MS: '60000',
    };
    bot = await startBotProcess(env);
    // A question the grounding model answers: the handler waits on the model, so the message is acknowledged
    // (persisted) but not handled when the process is killed.
    const asked = bot
      .post('/sim/api/messages', {
        chatId: 'g_qa',
        userId: 'u_y',
        userName: 'u_y',
        text: '在外地打工，看病要先备案吗？',
        msgId: 'lost-1',
      })
      .then(
        () => 'answered',
        () => 'cut off',
      );
    await eventually(() => fake!.requests.length === 1, 3000);
    await bot.kill('SIGKILL');
    expect(await asked).toBe('cut off');
    expect(inboxRows(env.DATA_DIR).find((r) => r.key === 'sim:lost-1')?.status).toBe('received');

    answer = () => ({ content: '【异地就医备案怎么办理】\n先备案，再就医。\n依据：【异地就医备案怎么办理】' });
    bot = await startBotProcess(env);
    // Nothing is sent to the new process: only its start-up can have handled the message.
    await eventually(
      async () =>
        ((await bot!.get('/sim/api/chats/g_qa/messages')).body.messages as Log).some(
          (m) => m.from === 'bot' && m.text.includes('先备案，再就医。'),
        ),
      3000,
    );
    expect(fake.requests).toHaveLength(2);
    await bot.kill('SIGTERM');
    expect(inboxRows(env.DATA_DIR).find((r) => r.key === 'sim:lost-1')?.status).toBe('done');
  });
});
