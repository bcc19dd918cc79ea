import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Upload } from '@jiayi/contract';
import { notFound, refusal } from '../common/api-error';
import { pushesConfig, PushesConfig } from '../pushes/pushes.config';
import { UploadDto } from './upload.dto';

/** Largest image accepted (a phone photo re-encoded by the mini-program is far smaller). */
export const MAX_UPLOAD_BYTES = 512 * 1024;

const FORMATS = [
  { contentType: 'image/png', ext: 'png', magic: (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { contentType: 'image/jpeg', ext: 'jpg', magic: (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    contentType: 'image/webp',
    ext: 'webp',
    magic: (b: Buffer) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
] as const;

/**
 * Images for push covers and bodies and feedback photos, stored under UPLOADS_DIR by the hash of
 * their bytes (the same image is stored once; names cannot be guessed) and served back at
 * /api/uploads/<sha256>.<ext>. The bytes must really be the declared image type.
 */
@Injectable()
export class UploadsService {
  constructor(@Inject(pushesConfig.KEY) private readonly config: PushesConfig) {}

  async store(dto: UploadDto): Promise<Upload> {
    const format = FORMATS.find((f) => f.contentType === dto.contentType);
    if (!format) throw refusal('UPLOAD.TYPE', '只能上传 PNG、JPEG 或 WebP 图片', 'contentType');
    const bytes = Buffer.from(dto.data, 'base64');
    if (bytes.length > MAX_UPLOAD_BYTES) throw refusal('UPLOAD.TOO_LARGE', `图片不能超过${MAX_UPLOAD_BYTES / 1024}KB`, 'data');
    if (bytes.length < 12 || !format.magic(bytes)) throw refusal('UPLOAD.TYPE', '图片内容与类型不符', 'data');
    const name = `${createHash('sha256').update(bytes).digest('hex')}.${format.ext}`;
    await mkdir(this.config.uploadsDir, { recursive: true });
    const temporary = join(this.config.uploadsDir, `${name}.${process.pid}.tmp`);
    await writeFile(temporary, bytes);
    await rename(temporary, join(this.config.uploadsDir, name));
    return { url: `/api/uploads/${name}` };
  }

  async read(name: string): Promise<{ contentType: string; bytes: Buffer }> {
    const match = /^([0-9a-f]{64})\.(png|jpg|webp)$/.exec(name);
    if (!match) throw notFound('没有找到这张图片');
    const format = FORMATS.find((f) => f.ext === match[2])!;
    try {
      return { contentType: format.contentType, bytes: await readFile(join(this.config.uploadsDir, name)) };
    } catch {
      throw notFound('没有找到这张图片');
    }
  }
}
