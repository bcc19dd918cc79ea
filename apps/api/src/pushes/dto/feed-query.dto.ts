import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PUSH_CATEGORIES, type PushCategory } from '@jiayi/domain';

export class FeedQueryDto {
  @ApiPropertyOptional({ enum: PUSH_CATEGORIES })
  @IsOptional()
  @IsIn(PUSH_CATEGORIES, { message: '资讯分类不正确' })
  category?: PushCategory;
}
