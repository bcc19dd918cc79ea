import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { checkPersonName, DECLARABLE_TAGS, MOBILE_PHONE_PATTERN, PERSON_NAME_MAX_LENGTH } from '@jiayi/domain';

/** Longest id the API issues (a UUID). */
const ID_MAX_LENGTH = 36;

/**
 * An id sent by a client. When optional, absent means absent: an empty string is refused,
 * never read as "not given".
 */
export function IdField(label: string, options: { optional?: boolean; description?: string } = {}) {
  const message = `${label}不正确`;
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({ description: options.description, maxLength: ID_MAX_LENGTH })
      : ApiProperty({ description: options.description, maxLength: ID_MAX_LENGTH }),
    ...(options.optional ? [IsOptional()] : []),
    IsString({ message: options.optional ? message : `请选择${label}` }),
    IsNotEmpty({ message: options.optional ? message : `请选择${label}` }),
    MaxLength(ID_MAX_LENGTH, { message }),
  );
}

/** A person's name: trimmed, then checked by the domain's rule (letters, `·`, bounded length). */
export function PersonNameField() {
  return applyDecorators(
    ApiProperty({ example: '张三', maxLength: PERSON_NAME_MAX_LENGTH }),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString({ message: '请填写姓名' }),
    ValidateBy({
      name: 'personName',
      validator: {
        validate: (value) => typeof value === 'string' && checkPersonName(value).ok,
        defaultMessage: (args) => {
          const result = checkPersonName(String(args?.value ?? ''));
          return result.ok ? '' : result.message;
        },
      },
    }),
  );
}

/** A resident ID number as typed; the domain's check (GB 11643) runs in the service, with its own messages. */
export function IdNumberField() {
  return applyDecorators(
    ApiProperty({ description: '18-digit resident ID number (GB 11643)' }),
    IsString({ message: '请填写身份证号' }),
    MaxLength(30, { message: '身份证号过长' }),
  );
}

/** A mainland mobile number. */
export function PhoneField(options: { optional?: boolean } = {}) {
  return applyDecorators(
    options.optional ? ApiPropertyOptional({ example: '13800138000' }) : ApiProperty({ example: '13800138000' }),
    ...(options.optional ? [IsOptional()] : []),
    IsString({ message: options.optional ? '手机号格式不正确' : '请填写手机号' }),
    Matches(MOBILE_PHONE_PATTERN, { message: '请填写11位手机号' }),
  );
}

/** `limit` of a paged list in the query string: 1 to `max`, `fallback` when absent (the service applies it). */
export function PageLimitField(max: number, fallback: number) {
  const range = { message: `每页条数须为1到${max}` };
  return applyDecorators(
    ApiPropertyOptional({ default: fallback, maximum: max }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: '每页条数须为整数' }),
    Min(1, range),
    Max(max, range),
  );
}

/** `offset` of a paged list in the query string. */
export function PageOffsetField() {
  return applyDecorators(
    ApiPropertyOptional({ default: 0 }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: '起始位置须为整数' }),
    Min(0, { message: '起始位置不能小于0' }),
  );
}

/** A contract's term in whole years: 1, 2 or 3. */
export function ContractYearsField(options: { optional?: boolean; description?: string } = {}) {
  const message = { message: '签约年限须为1、2或3年' };
  return applyDecorators(
    (options.optional ? ApiPropertyOptional : ApiProperty)({ minimum: 1, maximum: 3, description: options.description }),
    ...(options.optional ? [IsOptional()] : []),
    IsInt(message),
    Min(1, message),
    Max(3, message),
  );
}

/** The service packages chosen, by code: at least one, at most 20. */
export function PackageCodesField(options: { optional?: boolean; description?: string } = {}) {
  return applyDecorators(
    (options.optional ? ApiPropertyOptional : ApiProperty)({
      type: [String],
      description: options.description,
      example: ['basicPublicHealth', 'basicMedical', 'elderly'],
    }),
    ...(options.optional ? [IsOptional()] : []),
    IsArray({ message: '请选择服务包' }),
    ArrayMinSize(1, { message: '请至少选择一个服务包' }),
    ArrayMaxSize(20, { message: '服务包过多' }),
    IsString({ each: true, message: '服务包编码不正确' }),
    MaxLength(40, { each: true, message: '服务包编码不正确' }),
  );
}

/**
 * Key-group tags a person declares (or a doctor confirms): the declarable ones only (age groups are
 * derived from the birth date), at most one of each.
 */
export function DeclaredTagsField(options: { description?: string; notAList?: string } = {}) {
  return applyDecorators(
    ApiProperty({ type: [String], enum: DECLARABLE_TAGS, description: options.description }),
    IsArray({ message: options.notAList ?? '重点人群标签格式不正确' }),
    ArrayMaxSize(DECLARABLE_TAGS.length, { message: '重点人群标签过多' }),
    IsIn(DECLARABLE_TAGS as readonly string[], { each: true, message: '重点人群标签不正确' }),
  );
}
