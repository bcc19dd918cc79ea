/**
 * Keyword types of WeChat subscribe-message templates and the limits WeChat enforces on their
 * values (domain.md §8). A value over its limit makes WeChat answer 47003, so values are cut first.
 */
export const KEYWORD_TYPES = ['thing', 'phrase', 'name', 'character_string', 'time', 'date', 'number'] as const;
export type KeywordType = (typeof KEYWORD_TYPES)[number];

const LENGTH_LIMITS: Partial<Record<KeywordType, number>> = { thing: 20, name: 10, character_string: 32, number: 32 };

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A time as WeChat's `time` keyword shows it, in China time: `YYYY年MM月DD日 HH:mm`.
 * @example wechatTime(new Date('2026-12-01T02:05:00Z')) // → '2026年12月01日 10:05'
 */
export function wechatTime(at: Date): string {
  const china = new Date(at.getTime() + 8 * 3600_000);
  return `${china.getUTCFullYear()}年${pad(china.getUTCMonth() + 1)}月${pad(china.getUTCDate())}日 ${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}`;
}

/**
 * A keyword value cut to its type's limit: `thing` 20 characters (the last one an ellipsis when
 * cut), `name` 10, `character_string` and `number` 32 of their allowed characters, `phrase` at
 * most 5 Chinese characters. Characters are counted as code points, never split in half.
 * @example cutKeywordValue('thing', '高血压患者冬季用药注意事项与家庭血压监测方法') // → '高血压患者冬季用药注意事项与家庭血压监…'
 * @example cutKeywordValue('phrase', '已处理完成了') // → '已处理完成'
 */
export function cutKeywordValue(type: KeywordType, value: string): string {
  const chars = [...value.replace(/\s+/g, ' ').trim()];
  switch (type) {
    case 'thing': {
      const limit = LENGTH_LIMITS.thing!;
      return chars.length <= limit ? chars.join('') : `${chars.slice(0, limit - 1).join('')}…`;
    }
    case 'phrase':
      return chars
        .filter((ch) => /\p{Script=Han}/u.test(ch))
        .slice(0, 5)
        .join('');
    case 'name':
      return chars.slice(0, LENGTH_LIMITS.name).join('');
    case 'character_string':
      return chars
        .filter((ch) => /[A-Za-z0-9_\-.:]/.test(ch))
        .slice(0, LENGTH_LIMITS.character_string)
        .join('');
    case 'number':
      return chars
        .filter((ch) => /[0-9.]/.test(ch))
        .slice(0, LENGTH_LIMITS.number)
        .join('');
    case 'time':
    case 'date':
      return chars.join('');
  }
}
