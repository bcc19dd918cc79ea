import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { FEEDBACK_CATEGORIES, FEEDBACK_KINDS, FEEDBACK_STATUSES, type FeedbackCategory, type FeedbackKind, type FeedbackStatus } from '@jiayi/domain';
import type { FeedbackInput, FeedbackUpdateInput } from '@jiayi/contract';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class FeedbackDto implements FeedbackInput {
  @ApiProperty({ enum: FEEDBACK_KINDS })
  @IsIn(FEEDBACK_KINDS, { message: '请选择意见建议或投诉' })
  kind: FeedbackKind;

  @ApiProperty({ enum: FEEDBACK_CATEGORIES })
  @IsIn(FEEDBACK_CATEGORIES, { message: '请选择反馈类别' })
  category: FeedbackCategory;

  @ApiProperty({ maxLength: 500 })
  @trim
  @IsString({ message: '请填写反馈内容' })
  @IsNotEmpty({ message: '请填写反馈内容' })
  @MaxLength(500, { message: '反馈内容最多500字' })
  text: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: '照片不正确' })
  @MaxLength(200, { message: '照片不正确' })
  photoUrl?: string;
}

export class FeedbackUpdateDto implements FeedbackUpdateInput {
  @ApiProperty({ enum: FEEDBACK_STATUSES })
  @IsIn(FEEDBACK_STATUSES, { message: '处理状态不正确' })
  status: FeedbackStatus;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @trim
  @IsString({ message: '答复不正确' })
  @MaxLength(500, { message: '答复最多500字' })
  reply?: string;
}

export class FeedbackQueryDto {
  @ApiPropertyOptional({ enum: FEEDBACK_STATUSES })
  @IsOptional()
  @IsIn(FEEDBACK_STATUSES, { message: '处理状态不正确' })
  status?: FeedbackStatus;
}
