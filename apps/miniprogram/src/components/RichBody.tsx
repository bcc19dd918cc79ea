import { RichText } from '@tarojs/components'

/** The H5 build is served by the API; the mini-program needs the API's absolute address for images. */
const BASE_URL = process.env.TARO_ENV === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? '')

/**
 * A push body: rich text the server already sanitised (headings, paragraphs, lists, bold, images
 * from /api/uploads). RichText renders it without running scripts in either build.
 */
export function RichBody({ html, testId }: { html: string; testId?: string }) {
  const nodes = html.replace(/<img src="\/api\/uploads\//g, `<img style="max-width:100%" src="${BASE_URL}/api/uploads/`)
  return <RichText className='rich-body' data-testid={testId} nodes={nodes} />
}
