import { MAX_LLM_CHARS, sanitizeLlmText } from '../../src/answers/llm/sanitize-llm-text';

describe('sanitizeLlmText', () => {
  test('markdown becomes plain text; links keep their words, lose their targets', () => {
    expect(
      sanitizeLlmText(
        '## 标题\n> 引用\n**加粗** `代码` [国家医保服务平台](https://x.example) ![图](https://i.example/a.png)',
      ),
    ).toBe('标题\n引用\n加粗 代码 国家医保服务平台');
  });

  test('mentions, tags and control characters are removed; a leading slash cannot start a command', () => {
    expect(sanitizeLlmText('@所有人 请看 ＠张三 <@u1> <at id="1">x</at>\u0007\u202e\n/帮助\n／结案 H1')).toBe(
      '请看 x\n帮助\n结案 H1',
    );
  });

  test('bare URLs are dropped unless the passages contained them', () => {
    const allowed = new Set(['https://www.gov.cn/']);
    expect(sanitizeLlmText('见 https://www.gov.cn/ 和 http://phish.example/login', allowed)).toBe(
      '见 https://www.gov.cn/ 和',
    );
  });

  test('long answers are cut at a sentence end', () => {
    const text = `${'一句话说明情况。'.repeat(200)}`;
    const out = sanitizeLlmText(text);
    expect([...out].length).toBeLessThanOrEqual(MAX_LLM_CHARS + 1);
    expect(out.endsWith('。…')).toBe(true);
  });
});
