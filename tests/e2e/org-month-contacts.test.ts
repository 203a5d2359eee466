import ExcelJS from 'exceljs';
import { cleanupTempDirs } from '../helpers/temp-dir';
import { testRuntime, type TestRuntime } from '../helpers/test-runtime';
import { download, requestLink, signIn, type Session } from '../dashboard/dashboard-fixture';
import { cst } from '../jobs/jobs-fixture';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const TALK = '谈心：在广州做电工，母亲 独居需照看';
const VISIT = '到工地走访，住宿条件良好';
const OTHER = '谈话：赵五家中困难，申请帮扶';

async function sheet(body: Buffer, name: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const rows: string[][] = [];
  wb.getWorksheet(name)!.eachRow((row, n) => {
    if (n > 1) rows.push(Array.from((row.values as unknown[]).slice(1), (v) => String(v ?? '')));
  });
  return rows;
}

/**
 * A month of talks, visits, a homecoming and a certificate through /sim, then the dashboard and the exports.
 * 青山村 (home, g_home): 王书记 u_wang, 张三 u_zhang (also 广州), 李四 u_li. 白水村 (home, g_white): 孙书记 u_sun,
 * 赵五 u_zhao. 广州流动 (host, g_host): 刘书记 u_liu, 张三. CONTACT_WEEKS=3.
 *
 * Hand count on 2027-01-31 — talks and visits in 2027-01: 张三 talk (王书记) + visit (刘书记), 赵五 talk (孙书记):
 * 青山村 sees 1 talk + 1 visit, 广州 the same two (张三 is theirs too), 白水村 1 talk, the admin 2 talks + 1 visit.
 * Not talked to within 3 weeks (cutoff 01-10, everyone checked in 01-04): 青山村 王书记、李四. One certificate
 * (张三, 青山村, 2027-01-08 to 2027-07-07); one homecoming (张三, until 2027-02-10).
 */
describe('a scripted month: talks, visits, 返乡报到 and a 流动党员证明', () => {
  let rt: TestRuntime;
  const at = (local: string) => rt.clock.set(cst(local));
  beforeAll(async () => {
    rt = await testRuntime({ CONTACT_WEEKS: '3' }, cst('2027-01-04T09:00:00').toISOString());
  });
  afterAll(async () => {
    await rt.stop();
    cleanupTempDirs();
  });

  test('day 1: three branches, secretaries and members', async () => {
    for (const [chat, name, kind] of [
      ['g_home', '青山村党支部', '流出'],
      ['g_white', '白水村党支部', '流出'],
      ['g_host', '广州流动党支部', '流入'],
    ])
      await rt.say('u_admin', chat, `绑定支部 ${name} ${kind}`);
    for (const [u, chat, name] of [
      ['u_wang', 'g_home', '王书记'],
      ['u_sun', 'g_white', '孙书记'],
      ['u_liu', 'g_host', '刘书记'],
    ]) {
      await rt.say(u, chat, `报到 ${name} 广东广州`);
      await rt.say('u_admin', chat, `设为书记 ${name}`);
    }
    await rt.say('u_zhang', 'g_home', '报到 张三 广东广州 性别：男 出生：1990-05 外出：2026-11');
    await rt.say('u_zhang', 'g_host', '报到 张三 广东广州');
    await rt.say('u_li', 'g_home', '报到 李四 广东佛山 外出：2026-05');
    expect((await rt.say('u_zhao', 'g_white', '报到 赵五 广东深圳')).texts[0]).toContain('报到成功');
  });

  test('two talks and a visit in 1:1 chats; a talk typed in a group is refused without echo', async () => {
    at('2027-01-05T20:00:00');
    expect((await rt.say('u_wang', 'u_wang', `谈话 张三 ${TALK}`, { images: [PNG] })).texts[0]).toContain('照片 1 张');
    const group = await rt.say('u_wang', 'g_home', `谈话 李四 ${TALK}`);
    expect(group.texts.join('')).not.toContain('独居');
    at('2027-01-12T15:00:00');
    expect((await rt.say('u_liu', 'u_liu', `走访 张三 ${VISIT}`)).texts[0]).toContain('已记录对张三的走访');
    at('2027-01-15T10:00:00');
    expect((await rt.say('u_sun', 'u_sun', `谈话 赵五 ${OTHER}`)).texts[0]).toContain('已记录对赵五的谈话');
    expect((await rt.say('u_sun', 'u_sun', '走访 张三 冒充')).texts[0]).toContain('没有名叫「张三」');
    expect(await rt.services.store.contacts.list()).toHaveLength(3);
  });

  test('a certificate for 张三 (2 months away); 李四 (8 months) is refused', async () => {
    at('2027-01-08T10:00:00');
    const ok = await rt.say('u_wang', 'g_home', '开具证明 张三');
    expect(ok.texts[0]).toContain('证明编号：LD2027-00001');
    expect(ok.texts[0]).toContain('有效期：2027-01-08 至 2027-07-07');
    expect((await rt.say('u_wang', 'g_home', '开具证明 李四')).texts[0]).toContain('已外出 8 个月（满 6 个月）');
    expect((await rt.say('u_li', 'g_home', '开具证明 李四')).texts[0]).toContain('是支部书记的命令');
  });

  test('返乡报到 in the window, in the home group; elsewhere refused', async () => {
    at('2027-01-25T18:00:00');
    expect((await rt.say('u_zhang', 'g_host', '返乡报到')).texts[0]).toContain('本条没有登记');
    expect((await rt.say('u_zhao', 'g_home', '返乡报到')).texts[0]).toContain('请在家乡「白水村党支部」的支部群里');
    expect((await rt.say('u_zhang', 'g_home', '返乡报到 停留到 2月10日')).texts[0]).toContain('停留到 2027-02-10');
    expect((await rt.say('u_wang', 'g_home', '返乡名单')).texts[0]).toContain(
      '· 张三：2027-01-25 报到，停留到 2027-02-10',
    );
  });

  describe('the dashboard and the exports on 2027-01-31', () => {
    let wang: Session;
    let liu: Session;
    let sun: Session;
    let admin: Session;
    beforeAll(async () => {
      at('2027-01-31T10:00:00');
      [wang, liu, sun, admin] = [
        await signIn(rt, 'u_wang'),
        await signIn(rt, 'u_liu'),
        await signIn(rt, 'u_sun'),
        await signIn(rt, 'u_admin'),
      ];
    });

    const chartOf = (text: string, id: string) => {
      const data = JSON.parse(/<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/.exec(text)![1]);
      return (data as Array<{ id: string; data: Array<{ name: string; value: number }> }>).find((c) => c.id === id)!
        .data;
    };

    test('the members page counts the issued certificate, as the digest does: 张三 is not 缺活动证', async () => {
      expect((await wang.get('/admin/members?flag=noCertificate')).text).not.toContain('>张三</a>');
      expect((await wang.get('/admin/members?q=张三')).text).toContain('>张三</a>');
      const zhang = /href="\/admin\/members\/(\d+)">张三</.exec((await wang.get('/admin/members')).text)![1];
      expect((await wang.get(`/admin/members/${zhang}`)).text).not.toContain('缺活动证');
    });

    test('青山村: both contacts with their notes, the counts per month, the overdue list, homecoming, certificate', async () => {
      const page = await wang.get('/admin/contacts');
      expect(page.status).toBe(200);
      expect(page.text).toContain(TALK);
      expect(page.text).toContain(VISIT);
      expect(page.text).not.toContain('赵五家中困难');
      expect(chartOf(page.text, 'talks').at(-1)).toEqual({ name: '2027-01', value: 1 });
      expect(chartOf(page.text, 'visits').at(-1)).toEqual({ name: '2027-01', value: 1 });
      expect(page.text).toContain('3 周内没有谈话或走访（2 人）');
      expect(/<p id="overdue-names">([^<]*)<\/p>/.exec(page.text)![1]).toBe('王书记、李四');
      expect(page.text).toMatch(/<td>张三<\/td><td>2027-01-25<\/td><td>2027-02-10<\/td>/);
      expect(page.text).toContain('LD2027-00001');
    });

    test('广州 (host) sees 张三 too; the admin sees all three; counts agree', async () => {
      const host = await liu.get('/admin/contacts');
      expect(host.text).toContain(VISIT);
      expect(host.text).toContain('母亲 独居');
      expect(chartOf(host.text, 'talks').at(-1)!.value).toBe(1);
      const all = await admin.get('/admin/contacts');
      expect(chartOf(all.text, 'talks').at(-1)!.value).toBe(2);
      expect(chartOf(all.text, 'visits').at(-1)!.value).toBe(1);
    });

    test("attacker: 白水村's secretary sees no note, photo, certificate or homecoming of 青山村", async () => {
      const page = await sun.get('/admin/contacts');
      expect(page.text).toContain('赵五家中困难');
      for (const secret of ['独居', VISIT, 'LD2027-00001']) expect(page.text).not.toContain(secret);
      expect(chartOf(page.text, 'visits').at(-1)!.value).toBe(0);
      const talk = (await rt.services.store.contacts.list()).find((c) => c.note === TALK)!;
      expect((await sun.get(`/admin/contacts/${talk.id}/photos/0`)).status).toBe(404);
      expect((await wang.get(`/admin/contacts/${talk.id}/photos/0`)).status).toBe(200);
      expect((await sun.get('/admin/certificates/1')).status).toBe(404);
      const branch = (await rt.services.store.branches.findByName('青山村党支部'))!.id;
      expect((await sun.get(`/admin/contacts?branch=${branch}`)).text).not.toContain('独居');
      const xlsx = await download(sun, `/admin/export/contacts.xlsx?branch=${branch}`);
      expect((await sheet(xlsx.body, '谈话走访记录')).map((r) => r[1])).toEqual(['赵五']);
      expect(await sheet((await download(sun, '/admin/export/certificates.xlsx')).body, '流动党员证明')).toEqual([]);
    });

    test('attacker: a member gets no dashboard link at all', async () => {
      expect(await requestLink(rt, 'u_zhang')).toBeUndefined();
    });

    test('the printable certificate carries the fields, with blank lines for what the record lacks', async () => {
      const page = await wang.get('/admin/certificates/1');
      expect(page.status).toBe(200);
      for (const text of [
        '流动党员证明',
        'LD2027-00001',
        '张三',
        '男',
        '1990-05',
        '广东广州',
        '2026-11',
        '2027-01-08 至 2027-07-07',
      ])
        expect(page.text).toContain(text);
      expect(page.text).toMatch(/<th>入党时间<\/th><td><span class="blank">/);
      expect(page.text).toContain('@page{size:A4');
      expect((await liu.get('/admin/certificates/1')).status).toBe(200);
    });

    test('the exports agree with the hand count', async () => {
      const contacts = (await download(wang, '/admin/export/contacts.xlsx')).body;
      const log = await sheet(contacts, '谈话走访记录');
      expect(log.map((r) => [r[1], r[2], r[3]])).toEqual([
        ['张三', '走访', VISIT],
        ['张三', '谈话', TALK],
      ]);
      expect((await sheet(contacts, '每月次数')).at(-1)).toEqual(['2027-01', '1', '1']);
      expect((await sheet(contacts, '返乡报到')).map((r) => [r[0], r[3]])).toEqual([['张三', '2027-02-10']]);
      expect((await sheet(contacts, '最近联系')).filter((r) => r[5] === '是').map((r) => r[0])).toEqual([
        '王书记',
        '李四',
      ]);
      const certs = await sheet((await download(wang, '/admin/export/certificates.xlsx')).body, '流动党员证明');
      expect(certs).toEqual([
        [
          'LD2027-00001',
          '张三',
          '男',
          '1990-05',
          '',
          '广东广州',
          '2026-11',
          '青山村党支部',
          '2027-01-08',
          '2027-07-07',
          '有效',
        ],
      ]);
      const all = await sheet((await download(admin, '/admin/export/contacts.xlsx')).body, '每月次数');
      expect(all.at(-1)).toEqual(['2027-01', '2', '1']);
    });
  });
});
