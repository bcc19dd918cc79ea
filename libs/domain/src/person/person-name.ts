import { Result, ok, refuse } from '../result';

/** Longest name accepted: Chinese names are short; transliterated minority names with `·` are longer. */
export const PERSON_NAME_MAX_LENGTH = 30;

// Letters of any script (汉字, Latin, Uyghur …), the middle dots of transliterated names, and
// single inner spaces or hyphens of Latin names. No digits, symbols, markup or control characters.
const PERSON_NAME = /^\p{L}+(?:[·•・\- ]\p{L}+|\p{L})*$/u;

/**
 * Trims a person's name and checks that it looks like one.
 * @example checkPersonName('  阿依古丽·买买提 ') // → { ok: true, value: '阿依古丽·买买提' }
 * @example checkPersonName('<script>') // → refusal PERSON.NAME_INVALID
 */
export function checkPersonName(raw: string, field = 'name'): Result<string> {
  const name = raw.trim();
  if (name === '') return refuse('PERSON.NAME_REQUIRED', '请填写姓名', field);
  if ([...name].length > PERSON_NAME_MAX_LENGTH) return refuse('PERSON.NAME_TOO_LONG', `姓名最多${PERSON_NAME_MAX_LENGTH}个字`, field);
  if (!PERSON_NAME.test(name)) return refuse('PERSON.NAME_INVALID', '姓名只能包含汉字、字母和间隔号“·”', field);
  return ok(name);
}
