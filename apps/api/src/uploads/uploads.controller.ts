import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BinaryFile, UploadSchema } from '@jiayi/contract';
import { Public } from '../auth/auth-context';
import { ApiResult } from '../common/api-result';
import { UploadDto } from './upload.dto';
import { UploadsService } from './uploads.service';

@ApiTags('uploads')
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @ApiBearerAuth()
  @ApiResult(UploadSchema, { status: 201 })
  store(@Body() dto: UploadDto) {
    return this.uploads.store(dto);
  }

  /** Public: the mini-program's <image> and rich text cannot send a token; names are content hashes. */
  @Public()
  @Get(':name')
  @ApiResult(BinaryFile('the image'), { errors: [404], contentType: 'image/*' })
  async read(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const { contentType, bytes } = await this.uploads.read(name);
    reply.header('Content-Type', contentType).header('Cache-Control', 'public, max-age=31536000, immutable').header('X-Content-Type-Options', 'nosniff');
    return bytes;
  }
}
