/** Deepest JSON nesting the API accepts: its deepest request (a questionnaire) needs 6. */
export const MAX_JSON_DEPTH = 32;

/**
 * The nesting depth of a JSON text, counted in one pass without parsing it, so that a body
 * nested thousands of levels deep is refused before `JSON.parse` or validation recurse into it.
 * Brackets inside strings are skipped.
 * @example jsonDepth('{"a":[1,{"b":"]"}]}') // → 3
 */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAt) return deepest;
      }
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return deepest;
}
