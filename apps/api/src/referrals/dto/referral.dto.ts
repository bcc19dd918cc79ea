import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { isCalendarDate, MAX_POOL_CAPACITY, REFERRAL_STATUSES, SLOT_PERIODS } from '@jiayi/domain';
import type {
  DeclineReferralInput,
  DownReferralInput,
  ReferralFeedbackInput,
  ReferralInput,
  SlotPoolBatchInput,
  SlotPoolInput,
  SlotPoolUpdate,
} from '@jiayi/contract';
import { IdField } from '../../common/dto-fields';

const trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** A calendar date `YYYY-MM-DD` that exists. */
function DateField(label: string, options: { optional?: boolean } = {}) {
  return (target: object, key: string) => {
    (options.optional ? ApiPropertyOptional : ApiProperty)({ format: 'date', example: '2026-12-07' })(target, key);
    if (options.optional) IsOptional()(target, key);
    ValidateBy({
      name: 'calendarDate',
      validator: { validate: (value) => typeof value === 'string' && isCalendarDate(value), defaultMessage: () => `${label}须为有效日期（如2026-12-07）` },
    })(target, key);
  };
}

/** Free text a person writes: trimmed, required, bounded. */
function TextField(label: string, max: number) {
  return (target: object, key: string) => {
    ApiProperty({ maxLength: max })(target, key);
    trimmed()(target, key);
    IsString({ message: `请填写${label}` })(target, key);
    IsNotEmpty({ message: `请填写${label}` })(target, key);
    MaxLength(max, { message: `${label}最多${max}个字` })(target, key);
  };
}

function CapacityField(options: { optional?: boolean } = {}) {
  return (target: object, key: string) => {
    (options.optional ? ApiPropertyOptional : ApiProperty)({ minimum: 1, maximum: MAX_POOL_CAPACITY })(target, key);
    if (options.optional) IsOptional()(target, key);
    IsInt({ message: '号源数须为整数' })(target, key);
    Min(1, { message: `号源数须为1到${MAX_POOL_CAPACITY}` })(target, key);
    Max(MAX_POOL_CAPACITY, { message: `号源数须为1到${MAX_POOL_CAPACITY}` })(target, key);
  };
}

function DepartmentField() {
  return (target: object, key: string) => {
    ApiProperty({ example: '心血管内科' })(target, key);
    trimmed()(target, key);
    IsString({ message: '请选择科室' })(target, key);
    IsNotEmpty({ message: '请选择科室' })(target, key);
    MaxLength(30, { message: '科室名称过长' })(target, key);
  };
}

export class ReferralDto implements ReferralInput {
  @IdField('签约') contractId: string;
  @IdField('号源') slotId: string;
  @TextField('转诊原因', 200) reason: string;
}

export class SlotQueryDto {
  @IdField('医院', { optional: true }) hospitalId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString({ message: '科室不正确' }) @MaxLength(30, { message: '科室名称过长' }) department?: string;
  @DateField('开始日期', { optional: true }) from?: string;
  @DateField('结束日期', { optional: true }) to?: string;
}

export class SlotPoolDto implements SlotPoolInput {
  @IdField('医院', { optional: true }) hospitalId?: string;
  @DepartmentField() department: string;
  @DateField('日期') date: string;
  @ApiProperty({ enum: SLOT_PERIODS }) @IsIn(SLOT_PERIODS as readonly string[], { message: '请选择上午或下午' }) period: 'am' | 'pm';
  @CapacityField() capacity: number;
}

export class SlotPoolBatchDto implements SlotPoolBatchInput {
  @IdField('医院', { optional: true }) hospitalId?: string;
  @DepartmentField() department: string;
  @DateField('开始日期') from: string;
  @DateField('结束日期') to: string;
  @ApiProperty({ type: [Number], description: 'weekdays: 0 = Sunday … 6 = Saturday' })
  @IsArray({ message: '请选择星期' })
  @ArrayMinSize(1, { message: '请至少选择一天' })
  @ArrayMaxSize(7, { message: '星期最多7天' })
  @ArrayUnique({ message: '星期不能重复' })
  @IsInt({ each: true, message: '星期不正确' })
  @Min(0, { each: true, message: '星期不正确' })
  @Max(6, { each: true, message: '星期不正确' })
  weekdays: number[];
  @ApiProperty({ type: [String], enum: SLOT_PERIODS })
  @IsArray({ message: '请选择时段' })
  @ArrayMinSize(1, { message: '请至少选择一个时段' })
  @ArrayMaxSize(2, { message: '时段最多两个' })
  @ArrayUnique({ message: '时段不能重复' })
  @IsIn(SLOT_PERIODS as readonly string[], { each: true, message: '请选择上午或下午' })
  periods: ('am' | 'pm')[];
  @CapacityField() capacity: number;
}

export class SlotPoolUpdateDto implements SlotPoolUpdate {
  @CapacityField({ optional: true }) capacity?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: '停止预约须为是或否' }) closed?: boolean;
}

export class StaffReferralsQueryDto {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES }) @IsOptional() @IsIn(REFERRAL_STATUSES as readonly string[], { message: '转诊状态不正确' }) status?: string;
  @DateField('开始日期', { optional: true }) from?: string;
  @DateField('结束日期', { optional: true }) to?: string;
  @ApiPropertyOptional({ default: 200, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '条数须为整数' })
  @Min(1, { message: '条数须为1到500' })
  @Max(500, { message: '条数须为1到500' })
  limit?: number;
}

export class DeclineReferralDto implements DeclineReferralInput {
  @TextField('未通过的原因', 200) reason: string;
}

export class ReferralFeedbackDto implements ReferralFeedbackInput {
  @TextField('诊断与检查结果', 1000) findings: string;
  @TextField('治疗建议', 1000) advice: string;
  @TextField('下一步安排', 500) nextStep: string;
}

export class DownReferralDto implements DownReferralInput {
  @IdField('转诊') referralId: string;
  @TextField('出院（诊疗）小结', 2000) summary: string;
  @TextField('随访计划', 1000) plan: string;
}

export class DownReferralsQueryDto {
  @ApiPropertyOptional({ description: 'true: only those not yet acknowledged' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'pending 须为 true 或 false' })
  pending?: boolean;
}
