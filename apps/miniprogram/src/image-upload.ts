import Taro from '@tarojs/taro'
import { uploadsApi } from './api/feed'

type ImageType = 'image/png' | 'image/jpeg' | 'image/webp'

function typeOf(path: string, fallback?: string): ImageType | undefined {
  const lower = path.toLowerCase()
  if (fallback === 'image/png' || lower.endsWith('.png')) return 'image/png'
  if (fallback === 'image/webp' || lower.endsWith('.webp')) return 'image/webp'
  if (fallback === 'image/jpeg' || /\.(jpe?g)$/.test(lower)) return 'image/jpeg'
  return undefined
}

async function readBase64(path: string): Promise<{ data: string; type?: string }> {
  if (process.env.TARO_ENV === 'weapp') {
    const result = await Taro.getFileSystemManager().readFileSync(path, 'base64')
    return { data: String(result) }
  }
  const blob = await (await fetch(path)).blob()
  const data = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(blob)
  })
  return { data, type: blob.type }
}

/** Lets the user pick one photo (compressed) and uploads it; the url for a feedback or a push, or undefined when cancelled. */
export async function pickAndUploadImage(): Promise<string | undefined> {
  let chosen: Taro.chooseImage.SuccessCallbackResult
  try {
    chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  } catch {
    return undefined
  }
  const path = chosen.tempFilePaths[0]
  const { data, type } = await readBase64(path)
  const contentType = typeOf(path, type)
  if (!contentType) throw new Error('只能上传 PNG、JPEG 或 WebP 图片')
  return (await uploadsApi.image(contentType, data)).url
}
