import { richTextIsEmpty, sanitizeRichText } from './rich-text';

const own = `/api/uploads/${'ab'.repeat(32)}.png`;

describe(sanitizeRichText.name, () => {
  it('keeps headings, paragraphs, lists, bold and our own images', () => {
    const html = `<h2>冬季控压</h2><p><strong>按时服药</strong></p><ul><li>少盐</li></ul><ol><li>早晚测血压</li></ol><img src="${own}" alt="血压计">`;
    expect(sanitizeRichText(html)).toBe(html.replace('">', '" />'));
  });

  it('removes scripts and styles with their content', () => {
    expect(sanitizeRichText('<p>a</p><script>alert(1)</script><style>p{}</style>')).toBe('<p>a</p>');
  });

  it('removes event handlers and inline styles', () => {
    expect(sanitizeRichText('<p onclick="steal()" style="color:red" onmouseover="x()">a</p>')).toBe('<p>a</p>');
    expect(sanitizeRichText(`<img src="${own}" onerror="steal()">`)).toBe(`<img src="${own}" />`);
  });

  it('removes javascript: links (links are not part of the subset at all)', () => {
    expect(sanitizeRichText('<p><a href="javascript:alert(1)">点我</a></p>')).toBe('<p>点我</p>');
    expect(sanitizeRichText('<img src="javascript:alert(1)">')).toBe('');
  });

  it('removes foreign, protocol-relative, data: and look-alike images', () => {
    for (const src of ['https://evil.example/x.png', '//evil.example/x.png', 'data:image/png;base64,AAAA', `${own}?x=1`, '/api/uploads/../secret.png']) {
      expect(sanitizeRichText(`<p>x</p><img src="${src}">`)).toBe('<p>x</p>');
    }
  });

  it('turns a top-level heading into the largest allowed one and drops iframes', () => {
    expect(sanitizeRichText('<h1>标题</h1><iframe src="https://x"></iframe>')).toBe('<h2>标题</h2>');
  });
});

describe(richTextIsEmpty.name, () => {
  it('is empty when nothing visible is left', () => {
    expect(richTextIsEmpty(sanitizeRichText('<script>x</script><p> </p>'))).toBe(true);
    expect(richTextIsEmpty(sanitizeRichText(`<img src="${own}">`))).toBe(false);
  });
});
