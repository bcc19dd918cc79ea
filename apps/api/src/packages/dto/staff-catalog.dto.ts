import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { KEY_GROUPS } from '@jiayi/domain';

const TAGS = KEY_GROUPS.map((g) => g.code) as string[];
const PAYERS = ['insurance', 'publicHealth', 'selfPay', 'fiscal'];
const fen = (label: string) => ({ message: `${label}须为不小于0的整数（单位：分）` });

export class PackageItemDto {
  @ApiProperty()
  @IsString({ message: '请填写项目名称' })
  @IsNotEmpty({ message: '请填写项目名称' })
  @MaxLength(60, { message: '项目名称最多60个字' })
  name: string;
  @ApiProperty() @IsInt(fen('单价')) @Min(0, fen('单价')) @Max(10_000_000, fen('单价')) unitPrice: number;
  @ApiProperty() @IsInt({ message: '次数须为正整数' }) @Min(1, { message: '次数须为正整数' }) @Max(365, { message: '次数过多' }) count: number;
  @ApiProperty() @IsInt(fen('医保')) @Min(0, fen('医保')) insurance: number;
  @ApiProperty() @IsInt(fen('公卫')) @Min(0, fen('公卫')) publicHealth: number;
  @ApiProperty() @IsInt(fen('个人')) @Min(0, fen('个人')) selfPay: number;
}

export class PackageDto {
  @ApiProperty()
  @IsString({ message: '请填写服务包编码' })
  @Matches(/^[A-Za-z][A-Za-z0-9_-]{1,39}$/, { message: '服务包编码须为字母开头的英文字母或数字' })
  code: string;
  @ApiProperty()
  @IsString({ message: '请填写服务包名称' })
  @IsNotEmpty({ message: '请填写服务包名称' })
  @MaxLength(100, { message: '名称过长' })
  name: string;
  @ApiProperty({ enum: ['basic', 'personalised'] })
  @IsIn(['basic', 'personalised'], { message: '服务包类型须为基础包或个性化包' })
  kind: 'basic' | 'personalised';
  @ApiProperty({ type: [String] })
  @IsArray({ message: '适用人群格式不正确' })
  @IsIn(TAGS, { each: true, message: '适用人群不正确' })
  targetTags: string[];
  @ApiProperty()
  @IsString({ message: '请填写说明' })
  @MaxLength(2000, { message: '说明过长' })
  description: string;
  @ApiProperty({ type: [PackageItemDto] })
  @IsArray({ message: '请填写服务项目' })
  @ArrayMaxSize(50, { message: '服务项目过多' })
  @ValidateNested({ each: true })
  @Type(() => PackageItemDto)
  items: PackageItemDto[];
  @ApiProperty({ type: [String] })
  @IsArray({ message: '包含的服务包格式不正确' })
  @IsString({ each: true, message: '包含的服务包不正确' })
  includes: string[];
  @ApiPropertyOptional({ enum: ['hypertension', 'diabetes'] })
  @IsOptional()
  @IsIn(['hypertension', 'diabetes'], { message: '参照的服务包不正确' })
  referenceCode?: 'hypertension' | 'diabetes';
}

export class WaiverDto {
  @IsArray({ message: '减免人群格式不正确' }) @IsIn(TAGS, { each: true, message: '减免人群不正确' }) tags: string[];
  @IsArray({ message: '减免的服务包类型格式不正确' }) @IsIn(['basic', 'personalised'], { each: true, message: '服务包类型不正确' }) packageKinds: (
    'basic' | 'personalised'
  )[];
  @IsIn(PAYERS, { message: '承担方不正确' }) toPayer: 'insurance' | 'publicHealth' | 'selfPay' | 'fiscal';
}

export class SubsidyPayerDto {
  @IsString({ message: '补助承担方须为文字' }) @IsNotEmpty({ message: '请填写补助承担方' }) @MaxLength(30, { message: '承担方名称过长' }) payer: string;
  @IsInt(fen('补助金额')) @Min(0, fen('补助金额')) amount: number;
}

export class SubsidyDto {
  @IsString({ message: '请填写补助名称' }) @IsNotEmpty({ message: '请填写补助名称' }) @MaxLength(60, { message: '名称过长' }) name: string;
  @IsInt({ message: '起始年龄须为整数' }) @Min(0, { message: '起始年龄须为整数' }) @Max(120, { message: '起始年龄不正确' }) minAge: number;
  @IsInt(fen('补助金额')) @Min(0, fen('补助金额')) amount: number;
  @IsArray({ message: '补助承担方格式不正确' }) @ValidateNested({ each: true }) @Type(() => SubsidyPayerDto) payers: SubsidyPayerDto[];
}

export class RegionPolicyDto {
  @ApiProperty()
  @IsInt({ message: '每位医生签约上限须为正整数' })
  @Min(1, { message: '每位医生签约上限须为正整数' })
  @Max(10000, { message: '签约上限过大' })
  doctorCapacity: number;
  @ApiProperty()
  @IsInt({ message: '个性化包数量上限须为整数' })
  @Min(0, { message: '个性化包数量上限须为整数' })
  @Max(10, { message: '个性化包数量上限过大' })
  maxPersonalisedPackages: number;
  @ApiProperty()
  @IsInt({ message: '续约窗口天数须为整数' })
  @Min(1, { message: '续约窗口天数须为正整数' })
  @Max(365, { message: '续约窗口过长' })
  renewalWindowDays: number;
  @ApiPropertyOptional({ nullable: true, description: 'most signed residents per team; null: no team cap' })
  @IsOptional()
  @IsInt({ message: '每个团队签约上限须为正整数' })
  @Min(1, { message: '每个团队签约上限须为正整数' })
  @Max(1_000_000, { message: '签约上限过大' })
  teamCapacity?: number | null;
  @ApiProperty({ type: [WaiverDto] })
  @IsArray({ message: '减免政策格式不正确' })
  @ValidateNested({ each: true })
  @Type(() => WaiverDto)
  waivers: WaiverDto[];
  @ApiProperty({ type: [SubsidyDto] })
  @IsArray({ message: '补助政策格式不正确' })
  @ValidateNested({ each: true })
  @Type(() => SubsidyDto)
  subsidies: SubsidyDto[];
}
