import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CALL_OUTCOMES, WAVE_SCOPE_TYPES, type CallOutcome, type WaveScopeType } from '@jiayi/domain';
import type { CreateWaveInput, RecordCallInput } from '@jiayi/contract';
import { PhoneField, PageLimitField, PageOffsetField } from '../../common/dto-fields';

export class CreateSurveyWaveDto implements CreateWaveInput {
  @ApiProperty()
  @IsString({ message: '请选择问卷' })
  @IsNotEmpty({ message: '请选择问卷' })
  @MaxLength(36, { message: '问卷不正确' })
  questionnaireId: string;
  @ApiProperty()
  @IsString({ message: '请填写调查名称' })
  @IsNotEmpty({ message: '请填写调查名称' })
  @MaxLength(200, { message: '调查名称最多200个字' })
  title: string;
  @ApiProperty({ enum: WAVE_SCOPE_TYPES })
  @IsIn(WAVE_SCOPE_TYPES, { message: '调查范围须为地区、机构或团队' })
  scopeType: WaveScopeType;
  @ApiProperty()
  @IsString({ message: '请选择调查范围' })
  @IsNotEmpty({ message: '请选择调查范围' })
  @MaxLength(36, { message: '调查范围不正确' })
  scopeId: string;
  @ApiProperty({ example: '2026-12-01T00:00:00+08:00' })
  @IsISO8601({ strict: true }, { message: '开始时间须为带时区的 ISO 8601 时间' })
  opensAt: string;
  @ApiProperty({ example: '2026-12-31T23:59:59+08:00' })
  @IsISO8601({ strict: true }, { message: '结束时间须为带时区的 ISO 8601 时间' })
  closesAt: string;
  @ApiPropertyOptional({ description: 'Residents to draw at random from the signed residents in scope, for the phone follow-up' })
  @IsOptional()
  @IsInt({ message: '抽样人数须为正整数' })
  @Min(1, { message: '抽样人数须为正整数' })
  @Max(100_000, { message: '抽样人数过多' })
  sampleSize?: number;
}

/** A corrected phone number for a sampled resident (after 空号 or 错号): it becomes the person's phone. */
export class CorrectPhoneDto {
  @PhoneField() phone: string;
}

export class RecordCallDto implements RecordCallInput {
  @ApiProperty()
  @IsString({ message: '请选择居民' })
  @IsNotEmpty({ message: '请选择居民' })
  @MaxLength(36, { message: '居民不正确' })
  personId: string;
  @ApiProperty({ enum: CALL_OUTCOMES, description: '接通 / 无人接听 / 空号 / 错号 / 拒访' })
  @IsIn(CALL_OUTCOMES, { message: '回访结果须为接通、无人接听、空号、错号或拒访' })
  outcome: CallOutcome;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: '备注须为文字' })
  @MaxLength(200, { message: '备注最多200个字' })
  note?: string;
}

/** One page of a text question's answers. */
export class TextAnswersQueryDto {
  @ApiProperty()
  @IsString({ message: '请选择题目' })
  @IsNotEmpty({ message: '请选择题目' })
  @MaxLength(40, { message: '题目不正确' })
  questionId: string;
  @PageLimitField(100, 20)
  limit?: number;
  @PageOffsetField()
  offset?: number;
}

export class CrossTabQueryDto {
  @ApiProperty()
  @IsString({ message: '请选择行题目' })
  @IsNotEmpty({ message: '请选择行题目' })
  @MaxLength(40, { message: '题目不正确' })
  rowQuestionId: string;
  @ApiProperty()
  @IsString({ message: '请选择列题目' })
  @IsNotEmpty({ message: '请选择列题目' })
  @MaxLength(40, { message: '题目不正确' })
  columnQuestionId: string;
}
