/**
 * Scrubs what must never reach a log: resident ID numbers, mainland mobile numbers,
 * bearer tokens / JWTs and WeChat login codes.
 */
const PATTERNS: [RegExp, string][] = [
  [/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '[token]'],
  [/(Bearer\s+)[^\s"',]+/gi, '$1[token]'],
  [/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, '[id-number]'],
  [/(?<![\dA-Za-z])\d{15}(?![\dA-Za-z])/g, '[id-number]'],
  [/(?<!\d)1[3-9]\d{9}(?!\d)/g, '[phone]'],
  [/(js_code|code)=[^&\s"]+/g, '$1=[code]'],
];

export function redact(text: unknown): string {
  const plain = typeof text === 'string' ? text : String(text ?? '');
  return PATTERNS.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), plain);
}
