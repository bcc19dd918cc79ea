import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { IndicatorTargetsInput, PopulationImportInput, PopulationInput } from '@jiayi/contract';
import { IdField, PageLimitField, PageOffsetField } from '../../common/dto-fields';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class IndicatorAreaQueryDto {
  @IdField('机构', { optional: true })
  institutionId?: string;

  @IdField('团队', { optional: true })
  teamId?: string;
}

export class IndicatorQueryDto extends IndicatorAreaQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'default: 1 January of this year' })
  @IsOptional()
  @Matches(DATE, { message: '开始日期格式须为 YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'default: 31 December of the year of `from`' })
  @IsOptional()
  @Matches(DATE, { message: '结束日期格式须为 YYYY-MM-DD' })
  to?: string;
}

export class IndicatorTrendQueryDto extends IndicatorAreaQueryDto {
  @ApiProperty({ example: 'signing' })
  @IsString({ message: '请选择指标' })
  @MaxLength(60, { message: '指标代码不正确' })
  code: string;

  @ApiPropertyOptional({ default: 12, minimum: 1, maximum: 24 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '月数须为整数' })
  @Min(1, { message: '月数须为1到24' })
  @Max(24, { message: '月数须为1到24' })
  months?: number;
}

export class IndicatorPeopleQueryDto extends IndicatorQueryDto {
  @ApiPropertyOptional({ enum: ['numerator', 'gap'], default: 'gap' })
  @IsOptional()
  @IsIn(['numerator', 'gap'], { message: '请选择分子或差距名单' })
  part?: 'numerator' | 'gap';

  @PageLimitField(500, 50)
  limit?: number;

  @PageOffsetField()
  offset?: number;
}

export class PopulationYearQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'default: this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年度须为整数' })
  @Min(2000, { message: '年度须在2000到2100之间' })
  @Max(2100, { message: '年度须在2000到2100之间' })
  year?: number;
}

export class PopulationDto implements PopulationInput {
  @IdField('村/社区')
  communityId: string;

  @ApiProperty({ example: 2026 })
  @IsInt({ message: '年度须为整数' })
  @Min(2000, { message: '年度须在2000到2100之间' })
  @Max(2100, { message: '年度须在2000到2100之间' })
  year: number;

  @ApiProperty({ example: 3200 })
  @IsInt({ message: '常住人口须为整数' })
  residents: number;

  @ApiProperty({ example: { elderly65: 410, hypertension: 380 }, description: 'count per key group; missing groups count as 0' })
  @IsObject({ message: '重点人群人数格式不正确' })
  groups: PopulationInput['groups'];
}

export class PopulationImportDto implements PopulationImportInput {
  @ApiProperty({ example: 2026 })
  @IsInt({ message: '年度须为整数' })
  @Min(2000, { message: '年度须在2000到2100之间' })
  @Max(2100, { message: '年度须在2000到2100之间' })
  year: number;

  @ApiProperty({ description: 'the filled-in template (.xlsx), base64' })
  @IsString({ message: '请上传文件' })
  @MaxLength(900_000, { message: '文件过大（最多约 600 KB）' })
  @IsBase64({}, { message: '文件内容不正确' })
  fileBase64: string;
}

export class IndicatorTargetDto {
  @ApiProperty({ example: 'renewal' })
  @IsString({ message: '指标代码不正确' })
  @MaxLength(60, { message: '指标代码不正确' })
  code: string;

  @ApiProperty({ example: 0.95 })
  @IsNumber({}, { message: '目标值须为数字' })
  target: number;

  @ApiProperty({ example: 10 })
  @IsNumber({}, { message: '分值须为数字' })
  points: number;

  @ApiProperty({ enum: ['threshold', 'proportional'] })
  @IsIn(['threshold', 'proportional'], { message: '计分方式不正确' })
  scoring: 'threshold' | 'proportional';
}

export class IndicatorTargetsDto implements IndicatorTargetsInput {
  @ApiProperty({ type: [IndicatorTargetDto] })
  @IsArray({ message: '请填写指标设置' })
  @ArrayMaxSize(100, { message: '指标设置过多' })
  @ValidateNested({ each: true })
  @Type(() => IndicatorTargetDto)
  targets: IndicatorTargetDto[];
}
