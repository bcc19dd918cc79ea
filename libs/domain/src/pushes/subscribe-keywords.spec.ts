import { cutKeywordValue, wechatTime } from './subscribe-keywords';

describe('cutKeywordValue', () => {
  it('cuts thing to 20 characters, the last an ellipsis', () => {
    const cut = cutKeywordValue('thing', '高血压患者冬季用药注意事项与家庭血压监测方法');
    expect([...cut]).toHaveLength(20);
    expect(cut.endsWith('…')).toBe(true);
    expect(cutKeywordValue('thing', '  冬季  保暖 ')).toBe('冬季 保暖');
  });

  it('never splits a character outside the basic plane', () => {
    expect([...cutKeywordValue('name', '𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋𠀋')]).toHaveLength(10);
  });

  it('keeps only what each type allows', () => {
    expect(cutKeywordValue('phrase', '已处理 完成了abc')).toBe('已处理完成');
    expect(cutKeywordValue('character_string', 'JY-2026/0001 编号')).toBe('JY-20260001');
    expect(cutKeywordValue('number', '共 12.5 次')).toBe('12.5');
    expect(cutKeywordValue('character_string', 'x'.repeat(40))).toHaveLength(32);
  });
});

describe('wechatTime', () => {
  it('writes China time as WeChat shows it', () => {
    expect(wechatTime(new Date('2026-12-31T16:30:00Z'))).toBe('2027年01月01日 00:30');
  });
});
