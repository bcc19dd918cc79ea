import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { KEY_GROUPS, PUSH_CATEGORIES, type KeyGroupTag, type PushCategory } from '@jiayi/domain';
import type { AudienceInput, AudiencePreviewInput, PushInput } from '@jiayi/contract';
import { IdField } from '../../common/dto-fields';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class AudienceDto implements AudienceInput {
  @IdField('机构', { optional: true }) institutionId?: string;
  @IdField('团队', { optional: true }) teamId?: string;

  @ApiPropertyOptional({ type: [String], enum: KEY_GROUPS.map((g) => g.code) })
  @IsOptional()
  @IsArray({ message: '重点人群标签格式不正确' })
  @ArrayMaxSize(11, { message: '重点人群标签过多' })
  @IsIn(KEY_GROUPS.map((g) => g.code), { each: true, message: '重点人群标签不正确' })
  tags?: KeyGroupTag[];

  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '最小年龄应为整数' }) minAge?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt({ message: '最大年龄应为整数' }) maxAge?: number;

  @ApiPropertyOptional({ enum: ['male', 'female'] })
  @IsOptional()
  @IsIn(['male', 'female'], { message: '性别不正确' })
  sex?: 'male' | 'female';

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: '是否仅限已签约居民的格式不正确' })
  signedOnly?: boolean;
}

export class AudiencePreviewDto implements AudiencePreviewInput {
  @ApiProperty({ type: AudienceDto })
  @IsObject({ message: '请选择推送对象' })
  @ValidateNested()
  @Type(() => AudienceDto)
  audience: AudienceDto;
}

export class PushDto implements PushInput {
  @ApiProperty({ maxLength: 100 })
  @trim
  @IsString({ message: '请填写标题' })
  @IsNotEmpty({ message: '请填写标题' })
  @MaxLength(100, { message: '标题最多100字' })
  title: string;

  @ApiProperty({ maxLength: 200 })
  @trim
  @IsString({ message: '请填写摘要' })
  @IsNotEmpty({ message: '请填写摘要' })
  @MaxLength(200, { message: '摘要最多200字' })
  summary: string;

  @ApiProperty({ description: 'rich text: h2-h4, p, ul/ol/li, strong/b/em, br, img from /api/uploads' })
  @IsString({ message: '请填写正文' })
  @MaxLength(60_000, { message: '正文过长' })
  body: string;

  @ApiProperty({ enum: PUSH_CATEGORIES })
  @IsIn(PUSH_CATEGORIES, { message: '请选择资讯分类' })
  category: PushCategory;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: '封面图片不正确' })
  @MaxLength(200, { message: '封面图片不正确' })
  coverUrl?: string;

  @ApiProperty({ type: AudienceDto })
  @IsObject({ message: '请选择推送对象' })
  @ValidateNested()
  @Type(() => AudienceDto)
  audience: AudienceDto;

  @ApiPropertyOptional({ description: 'ISO time; absent = now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '发布时间格式不正确' })
  publishAt?: string;
}
