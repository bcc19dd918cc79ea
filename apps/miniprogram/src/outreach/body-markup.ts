const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const inline = (text: string) => escape(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')

/**
 * The compose box's plain markup as the rich text the API takes: `## ` starts a heading, `- ` a
 * list item, `**…**` is bold, `![](/api/uploads/…)` an uploaded image, other lines are paragraphs.
 * The server sanitises again whatever arrives.
 * @example markupToHtml('## 冬季控压\n- 少盐\n按时**服药**') // → '<h2>冬季控压</h2><ul><li>少盐</li></ul><p>按时<strong>服药</strong></p>'
 */
export function markupToHtml(markup: string): string {
  const html: string[] = []
  let list: string[] = []
  const closeList = () => {
    if (list.length) html.push(`<ul>${list.join('')}</ul>`)
    list = []
  }
  for (const raw of markup.split('\n')) {
    const line = raw.trim()
    const image = /^!\[\]\((\/api\/uploads\/[0-9a-f]{64}\.(?:png|jpg|webp))\)$/.exec(line)
    if (line.startsWith('- ')) {
      list.push(`<li>${inline(line.slice(2))}</li>`)
      continue
    }
    closeList()
    if (!line) continue
    if (line.startsWith('## ')) html.push(`<h2>${inline(line.slice(3))}</h2>`)
    else if (image) html.push(`<img src="${image[1]}" />`)
    else html.push(`<p>${inline(line)}</p>`)
  }
  closeList()
  return html.join('')
}
