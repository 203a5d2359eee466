import { PassiveReplies } from '../../../src/platforms/wecom/passive-replies';
import { PassiveReply } from '../../../src/platforms/wecom/passive-reply';

describe('PassiveReply: the HTTP response of one callback, as a reply object', () => {
  test('replies offered while the response is open become its answer; each offer resolves with how the response fared', async () => {
    const reply = new PassiveReply(100);
    const first = reply.offer('第一条');
    const second = reply.offer('第二条');
    const answer = await reply.wait(60_000);
    expect(answer?.texts).toEqual(['第一条', '第二条']);
    answer!.settle(true);
    await expect(Promise.all([first, second])).resolves.toEqual([true, true]);
  });

  test('a response lost on the wire resolves its offers false, so the sender takes another path', async () => {
    const reply = new PassiveReply(100);
    const offered = reply.offer('答复');
    const answer = await reply.wait(60_000);
    answer!.settle(false);
    answer!.settle(true);
    await expect(offered).resolves.toBe(false);
  });

  test('after the window closes the route acks empty and a later reply is refused (false), not held', async () => {
    const reply = new PassiveReply(100);
    await expect(reply.wait(1)).resolves.toBeUndefined();
    await expect(reply.offer('迟到的答复')).resolves.toBe(false);
  });

  test('a duplicate callback closes its reply at once; a text over the size limit is refused', async () => {
    const closed = new PassiveReply(100);
    closed.close();
    await expect(closed.offer('x')).resolves.toBe(false);
    const small = new PassiveReply(8);
    await expect(small.offer('这段文字超过八个字节')).resolves.toBe(false);
    small.close();
  });
});

describe('PassiveReplies: whether a callback holds its response open', () => {
  test('no reply when handling is backlogged, where this instance does not send, or with 8 already waiting; closing frees a place', () => {
    expect(new PassiveReplies().open(100, true)).toBeUndefined();
    expect(new PassiveReplies(() => false).open(100, false)).toBeUndefined();
    const replies = new PassiveReplies();
    const open = Array.from({ length: 8 }, () => replies.open(100, false));
    expect(open.every((r) => r instanceof PassiveReply)).toBe(true);
    expect(replies.open(100, false)).toBeUndefined();
    open[0]!.close();
    open[0]!.close();
    const again = replies.open(100, false);
    expect(again).toBeInstanceOf(PassiveReply);
    expect(replies.open(100, false)).toBeUndefined();
    for (const r of [...open, again]) r!.close();
  });

  test('a reply its route never waits on (the accept failed) closes by itself once WeCom has stopped waiting (5 s)', async () => {
    jest.useFakeTimers();
    try {
      const replies = new PassiveReplies();
      const abandoned = Array.from({ length: 8 }, () => replies.open(100, false));
      expect(replies.open(100, false)).toBeUndefined();
      jest.advanceTimersByTime(5_000);
      await expect(abandoned[0]!.offer('迟到')).resolves.toBe(false);
      const next = replies.open(100, false);
      expect(next).toBeInstanceOf(PassiveReply);
      next!.close();
    } finally {
      jest.useRealTimers();
    }
  });
});
