import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  FAMILY_RELATIONS,
  NON_SIGNING_CATEGORIES,
  SERVICE_CHANNELS,
  SERVICE_TYPES,
  type KeyGroupTag,
  type NonSigningCategory,
  type ServiceChannel,
  type ServiceType,
} from '@jiayi/domain';
import type { MeasurementsShape, OnsiteMemberInput, OnsiteQuoteInput, OnsiteSigningInput, ServiceCorrectionInput, ServiceInput } from '@jiayi/contract';
import { ContractYearsField, DeclaredTagsField, IdField, IdNumberField, PackageCodesField, PersonNameField, PhoneField } from '../../common/dto-fields';

/** A PNG data URL of at most ~300 KB (a signature pad's image is 10–60 KB). */
export const SIGNATURE_MAX_LENGTH = 400_000;
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An image captured on the device: a PNG data URL. */
function ImageField(label: string, options: { optional?: boolean } = {}) {
  return (target: object, key: string) => {
    (options.optional ? ApiPropertyOptional : ApiProperty)({ description: `${label}: data:image/png;base64,…`, maxLength: SIGNATURE_MAX_LENGTH })(target, key);
    if (options.optional) IsOptional()(target, key);
    IsString({ message: `请提供${label}` })(target, key);
    MaxLength(SIGNATURE_MAX_LENGTH, { message: `${label}图片过大` })(target, key);
    Matches(PNG_DATA_URL, { message: `${label}须为PNG图片` })(target, key);
  };
}

export class OnsiteMemberDto implements OnsiteMemberInput {
  @PersonNameField()
  name: string;

  @IdNumberField()
  idNumber: string;

  @PhoneField({ optional: true })
  phone?: string;

  @ApiProperty({ enum: ['self', ...FAMILY_RELATIONS], description: 'the first member is `self` (the household head); the others relate to them' })
  @IsIn(['self', ...FAMILY_RELATIONS], { message: '请选择与户主的关系' })
  relation: 'self' | (typeof FAMILY_RELATIONS)[number];

  @DeclaredTagsField({ description: 'declared key groups, confirmed by the team member on site' })
  declaredTags: KeyGroupTag[];

  @ApiPropertyOptional({ description: 'required true for a child under 14 (the guardian consents on site)' })
  @IsOptional()
  @IsBoolean({ message: '监护人同意格式不正确' })
  guardianConsent?: boolean;

  @PackageCodesField({ optional: true, description: "this person's packages, overriding the household's" })
  packageCodes?: string[];
}

export class OnsiteSigningDto implements OnsiteSigningInput {
  @IdField('家庭医生团队')
  teamId: string;

  @IdField('家庭医生', { optional: true })
  doctorId?: string;

  @IdField('所在村/社区')
  communityId: string;

  @ApiProperty({ type: [OnsiteMemberDto] })
  @IsArray({ message: '请登记签约居民' })
  @ArrayMinSize(1, { message: '请至少登记一位居民' })
  @ArrayMaxSize(20, { message: '一次最多为20人签约' })
  @ValidateNested({ each: true })
  @Type(() => OnsiteMemberDto)
  members: OnsiteMemberDto[];

  @PackageCodesField()
  packageCodes: string[];

  @ContractYearsField()
  years: number;

  @ApiProperty()
  @IsString({ message: '请让居民阅读签约协议' })
  @IsNotEmpty({ message: '请让居民阅读签约协议' })
  @MaxLength(20, { message: '协议版本不正确' })
  agreementVersion: string;

  @ApiProperty()
  @IsBoolean({ message: '请选择是否授权医保支付' })
  insuranceAuthorized: boolean;

  @ImageField('居民签名')
  signature: string;
}

export class OnsiteQuoteMemberDto {
  @IdNumberField()
  idNumber: string;

  @DeclaredTagsField()
  declaredTags: KeyGroupTag[];

  @PackageCodesField({ optional: true })
  packageCodes?: string[];
}

export class OnsiteQuoteDto implements OnsiteQuoteInput {
  @IdField('所在村/社区')
  communityId: string;

  @ApiProperty({ type: [OnsiteQuoteMemberDto] })
  @IsArray({ message: '请登记签约居民' })
  @ArrayMinSize(1, { message: '请至少登记一位居民' })
  @ArrayMaxSize(20, { message: '一次最多为20人签约' })
  @ValidateNested({ each: true })
  @Type(() => OnsiteQuoteMemberDto)
  members: OnsiteQuoteMemberDto[];

  @PackageCodesField()
  packageCodes: string[];

  @ContractYearsField()
  years: number;
}

export class SignatureDto {
  @ImageField('居民签名')
  signature: string;
}

export class MeasurementsDto implements MeasurementsShape {
  @ApiPropertyOptional({ description: 'mmHg' })
  @IsOptional()
  @IsNumber({}, { message: '收缩压须为数字' })
  systolic?: number;

  @ApiPropertyOptional({ description: 'mmHg' })
  @IsOptional()
  @IsNumber({}, { message: '舒张压须为数字' })
  diastolic?: number;

  @ApiPropertyOptional({ description: 'mmol/L' })
  @IsOptional()
  @IsNumber({}, { message: '空腹血糖须为数字' })
  fastingGlucose?: number;

  @ApiPropertyOptional({ description: 'kg' })
  @IsOptional()
  @IsNumber({}, { message: '体重须为数字' })
  weightKg?: number;
}

class ServiceFields {
  @ApiProperty({ enum: SERVICE_TYPES })
  @IsIn(SERVICE_TYPES as readonly string[], { message: '请选择服务类型' })
  type: ServiceType;

  @ApiProperty({ example: '2026-12-01' })
  @IsString({ message: '请填写服务日期' })
  @Matches(DATE, { message: '服务日期格式应为YYYY-MM-DD' })
  date: string;

  @ApiProperty({ enum: SERVICE_CHANNELS })
  @IsIn(SERVICE_CHANNELS as readonly string[], { message: '请选择服务方式' })
  channel: ServiceChannel;

  @ApiPropertyOptional({ type: MeasurementsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MeasurementsDto)
  measurements?: MeasurementsDto;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString({ message: '备注须为文字' })
  @MaxLength(500, { message: '备注最多500个字' })
  note?: string;

  @ApiPropertyOptional({ description: 'the plan item it fulfils (from the plan)' })
  @IsOptional()
  @IsString({ message: '计划项不正确' })
  @IsNotEmpty({ message: '计划项不正确' })
  @MaxLength(80, { message: '计划项不正确' })
  planItemId?: string;
}

export class RecordServiceDto extends ServiceFields implements ServiceInput {
  @IdField('签约', { optional: true, description: 'the contract delivered; or give personId for a resident without an open contract' })
  contractId?: string;

  @IdField('居民', { optional: true })
  personId?: string;

  @ImageField('居民确认签名', { optional: true })
  residentSignature?: string;
}

export class CorrectServiceDto extends ServiceFields implements ServiceCorrectionInput {
  @ApiProperty()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: '请填写更正原因' })
  @IsNotEmpty({ message: '请填写更正原因' })
  @MaxLength(200, { message: '更正原因最多200个字' })
  reason: string;
}

export class StaffServicesQueryDto {
  @IdField('居民')
  personId: string;
}

export class TodoQueryDto {
  @ApiPropertyOptional({ description: "true: only the caller's own residents (a doctor's list); default: the whole team" })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'mine 须为 true 或 false' })
  mine?: boolean;
}

export class NonSigningUpdateDto {
  @ApiProperty({ enum: NON_SIGNING_CATEGORIES })
  @IsIn(NON_SIGNING_CATEGORIES as readonly string[], { message: '请选择未签约原因类别' })
  category: NonSigningCategory;

  @ApiProperty()
  @IsString({ message: '请填写说明' })
  @IsNotEmpty({ message: '请填写说明' })
  @MaxLength(200, { message: '说明最多200个字' })
  reason: string;

  @ImageField('知情告知书照片', { optional: true })
  noticePhoto?: string;
}
