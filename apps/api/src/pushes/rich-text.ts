import sanitizeHtml from 'sanitize-html';

/** Images in a push body may only come from our own uploads (no tracking pixels, no foreign hosts). */
export const UPLOAD_URL_PATTERN = /^\/api\/uploads\/[0-9a-f]{64}\.(png|jpg|webp)$/;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'img'],
  allowedAttributes: { img: ['src', 'alt'] },
  allowedSchemes: [],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { h1: 'h2' },
  exclusiveFilter: (frame) => frame.tag === 'img' && !UPLOAD_URL_PATTERN.test(frame.attribs.src ?? ''),
};

/**
 * The small rich-text subset a push body may use: headings, paragraphs, lists, bold, and images
 * from /api/uploads. Everything else — scripts, styles, event handlers, links, foreign images —
 * is dropped, keeping the text.
 */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** The visible text of sanitised rich text (for the empty check). */
export function richTextIsEmpty(html: string): boolean {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).trim() === '' && !/<img /.test(html);
}
