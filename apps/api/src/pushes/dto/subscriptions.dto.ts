import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import { SUBSCRIBE_ANSWERS, type SubscribeAnswer } from '@jiayi/domain';
import type { SubscriptionsInput } from '@jiayi/contract';

class SubscribeResultDto {
  @ApiProperty()
  @IsString({ message: '消息模板不正确' })
  @MaxLength(64, { message: '消息模板不正确' })
  templateId: string;

  @ApiProperty({ enum: SUBSCRIBE_ANSWERS })
  @IsIn(SUBSCRIBE_ANSWERS, { message: '订阅结果不正确' })
  status: SubscribeAnswer;
}

export class SubscriptionsDto implements SubscriptionsInput {
  @ApiProperty({ type: [SubscribeResultDto] })
  @IsArray({ message: '订阅结果格式不正确' })
  @ArrayMinSize(1, { message: '没有订阅结果' })
  @ArrayMaxSize(10, { message: '订阅结果过多' })
  @ValidateNested({ each: true })
  @Type(() => SubscribeResultDto)
  results: SubscribeResultDto[];
}
