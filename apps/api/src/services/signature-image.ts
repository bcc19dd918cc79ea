import { refusal } from '../common/api-error';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Checks that a data URL really holds a PNG image (the DTO checked the `data:image/png;base64,`
 * form and the size; whether anything was drawn is the signature pad's check).
 */
export function checkSignatureImage(dataUrl: string, field: string): string {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  if (bytes.length < 200 || !bytes.subarray(0, 8).equals(PNG_MAGIC)) throw refusal('SERVICE.SIGNATURE_IMAGE', '签名图片无效，请让居民重新签名', field);
  return dataUrl;
}
