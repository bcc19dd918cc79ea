import Taro from '@tarojs/taro'

/** Most bytes of a photo sent as a data URL (the API accepts about 1 MB of JSON per request). */
const MAX_BYTES = 600_000

/**
 * Takes a photo (or picks one) compressed, and returns it as a data URL, or '' when cancelled.
 * Throws with a Chinese message when the photo is still too large.
 */
export async function takePhotoDataUrl(): Promise<string> {
  const chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] }).catch(() => null)
  const file = chosen?.tempFiles?.[0]
  if (!file) return ''
  if (file.size > MAX_BYTES) throw new Error('照片太大，请靠近一些重新拍摄，或在相册中选择较小的照片')
  const type = /\.png$/i.test(file.path) || file.type === 'image/png' ? 'png' : 'jpeg'
  if (process.env.TARO_ENV === 'h5') {
    const blob = await (await fetch(file.path)).blob()
    return new Promise((resolve, reject) => {
      const reader = new FileReader()
      reader.onload = () => resolve(String(reader.result).replace(/^data:[^;]*;/, `data:image/${type};`))
      reader.onerror = () => reject(new Error('读取照片失败，请重试'))
      reader.readAsDataURL(blob)
    })
  }
  const base64 = Taro.getFileSystemManager().readFileSync(file.path, 'base64') as string
  return `data:image/${type};base64,${base64}`
}
