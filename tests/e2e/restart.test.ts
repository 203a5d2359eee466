import { cleanupTempDirs, tempDir } from '../helpers/temp-dir';
import { startBotProcess, type BotProcess } from '../helpers/bot-process';
import { testRuntime } from '../helpers/test-runtime';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('a killed bot keeps every acknowledged message and point', () => {
  let bot: BotProcess | undefined;
  afterEach(async () => { await bot?.kill('SIGKILL'); });
  afterAll(cleanupTempDirs);

  test('SIGKILL, restart on the same DATA_DIR: members, tasks, points and transcript are all there', async () => {
    const env = { DATA_DIR: tempDir('zhibu-kill-'), ZHIBU_ADMINS: 'sim:u_admin' };
    bot = await startBotProcess(env);
    const say = async (userId: string, chatId: string, text: string, extra: object = {}) =>
      (await bot!.post('/sim/api/messages', { chatId, userId, userName: userId, text, ...extra })).body;
    await say('u_admin', 'g_home', '绑定支部 青山村党支部 流出');
    await say('u_sec', 'g_home', '报到 王书记 广州');
    await say('u_admin', 'g_home', '设为书记 王书记');
    await say('u_a', 'g_home', '报到 张三 广州');
    await say('u_sec', 'g_home', '发布任务 学习党章\n截止：2099-12-07 18:00\n分值：10');
    const ack = await say('u_a', 'g_home', '#1', { images: [PNG], msgId: 'photo-1' });
    expect(ack.replies[0].text).toContain('+10 分');
    await bot.kill('SIGKILL');

    bot = await startBotProcess(env);
    const points = await say('u_a', 'g_home', '积分');
    expect(points.replies[0].text).toContain('累计 10 分');
    const redelivered = await say('u_a', 'g_home', '#1', { images: [PNG], msgId: 'photo-1' });
    expect(redelivered.duplicate).toBe(true);
    expect((await say('u_a', 'g_home', '积分')).replies[0].text).toContain('累计 10 分');
    const log = (await bot.get('/sim/api/chats/g_home/messages')).body.messages as Array<{ from: string; text: string }>;
    expect(log.filter((m) => m.from === 'bot' && m.text.includes('新任务 #1'))).toHaveLength(1);
    expect(log.filter((m) => m.from === 'bot' && m.text.includes('+10 分'))).toHaveLength(1);
  });

  test('a message acknowledged but not handled before a crash is handled on start-up', async () => {
    const dir = tempDir('zhibu-recover-');
    const first = await testRuntime({ DATA_DIR: dir });
    await first.say('u_admin', 'g', '绑定支部 甲支部 流出');
    // What a transport does before acking: persist. The process "dies" before handling it.
    await first.services.store.inbox.accept('sim:lost-1', {
      platform: 'sim', msgId: 'lost-1', chatId: 'g', chatType: 'group', userId: 'u_z', userName: '赵', text: '报到 赵六 广州', media: [], receivedAt: new Date().toISOString(),
    }, first.clock.now());
    await first.stop();
    const second = await testRuntime({ DATA_DIR: dir });
    expect(await second.bot.recover()).toBe(1);
    expect((await second.services.store.members.findByName('赵六'))).toHaveLength(1);
    expect(await second.bot.recover()).toBe(0);
    await second.services.outbox.drainOnce();
    expect((await second.transcript('g')).some((m) => m.from === 'bot' && m.text.includes('赵六 报到成功'))).toBe(true);
    await second.stop();
  });
});
