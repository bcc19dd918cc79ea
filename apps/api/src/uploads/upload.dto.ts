import { ApiProperty } from '@nestjs/swagger';
import { IsBase64, IsIn, IsString, MaxLength } from 'class-validator';
import type { UploadInput } from '@jiayi/contract';

export class UploadDto implements UploadInput {
  @ApiProperty({ enum: ['image/png', 'image/jpeg', 'image/webp'] })
  @IsIn(['image/png', 'image/jpeg', 'image/webp'], { message: '只能上传 PNG、JPEG 或 WebP 图片' })
  contentType: UploadInput['contentType'];

  @ApiProperty({ description: 'the image, base64' })
  @IsString({ message: '请选择图片' })
  @MaxLength(720_000, { message: '图片不能超过512KB' })
  @IsBase64(undefined, { message: '图片数据格式不正确' })
  data: string;
}
