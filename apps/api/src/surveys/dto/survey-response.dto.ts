import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class AnswerDto {
  @ApiProperty() @IsString({ message: '题目编号不正确' }) @MaxLength(40, { message: '题目编号不正确' }) questionId: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: '选项格式不正确' })
  @ArrayMaxSize(30, { message: '选项过多' })
  @IsString({ each: true, message: '选项不正确' })
  @MaxLength(40, { each: true, message: '选项不正确' })
  optionIds?: string[];
  /** Checked for length by the questionnaire rules, which name the question. */
  @ApiPropertyOptional() @IsOptional() @IsString({ message: '填写内容须为文字' }) @MaxLength(2000, { message: '填写内容过长' }) text?: string;
}

export class SubmitResponseDto {
  @ApiProperty({ type: [AnswerDto] })
  @IsArray({ message: '请填写答案' })
  @ArrayMaxSize(200, { message: '答案过多' })
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers: AnswerDto[];
}

/** A response staff enter after a phone interview (电话回访) or on site. */
export class StaffResponseDto extends SubmitResponseDto {
  @ApiProperty() @IsString({ message: '请选择居民' }) @IsNotEmpty({ message: '请选择居民' }) @MaxLength(36, { message: '居民不正确' }) personId: string;
  @ApiProperty({ enum: ['phone', 'onsite'] }) @IsIn(['phone', 'onsite'], { message: '填写方式须为电话回访或现场' }) channel: 'phone' | 'onsite';
}
