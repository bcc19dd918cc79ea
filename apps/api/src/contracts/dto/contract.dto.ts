import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { TERMINATION_REASONS } from '@jiayi/domain';
import { ContractYearsField, IdField, PackageCodesField } from '../../common/dto-fields';
import type { ChangeTeamInput, CreateContractsInput, RenewContractInput, TerminateContractInput } from '@jiayi/contract';

export class PersonSelectionDto {
  @ApiProperty()
  @IsString({ message: '签约人不正确' })
  @IsNotEmpty({ message: '签约人不正确' })
  @MaxLength(36, { message: '签约人不正确' })
  personId: string;

  @PackageCodesField()
  packageCodes: string[];
}

export class CreateContractsDto implements CreateContractsInput {
  @ApiProperty({ type: [String], description: 'the account holder and/or family members it manages; one contract each, all or none' })
  @IsArray({ message: '请选择签约人' })
  @ArrayMinSize(1, { message: '请至少选择一位签约人' })
  @ArrayMaxSize(20, { message: '一次最多为20人签约' })
  @ArrayUnique({ message: '签约人不能重复' })
  @IsString({ each: true, message: '签约人不正确' })
  @MaxLength(36, { each: true, message: '签约人不正确' })
  personIds: string[];

  @ApiProperty()
  @IsString({ message: '请选择家庭医生团队' })
  @IsNotEmpty({ message: '请选择家庭医生团队' })
  @MaxLength(36, { message: '家庭医生团队不正确' })
  teamId: string;

  @IdField('家庭医生', { optional: true, description: "the responsible family doctor; default: the team's family doctor with most places left" })
  doctorId?: string;

  @PackageCodesField()
  packageCodes: string[];

  @ApiPropertyOptional({
    type: [PersonSelectionDto],
    description: 'per-person packages overriding `packageCodes` (a household where members choose different personalised packages)',
  })
  @IsOptional()
  @IsArray({ message: '分人选择的服务包格式不正确' })
  @ArrayMaxSize(20, { message: '分人选择过多' })
  @ValidateNested({ each: true })
  @Type(() => PersonSelectionDto)
  selections?: PersonSelectionDto[];

  @ContractYearsField()
  years: number;

  @ApiProperty({ description: 'version of GET /api/agreements/current the resident read and accepted' })
  @IsString({ message: '请阅读并同意签约协议' })
  @IsNotEmpty({ message: '请阅读并同意签约协议' })
  @MaxLength(20, { message: '协议版本不正确' })
  agreementVersion: string;

  @ApiProperty({ description: 'must be true when the medical-insurance share of any contract is above 0' })
  @IsBoolean({ message: '请选择是否授权医保支付' })
  insuranceAuthorized: boolean;
}

export class RenewContractDto implements RenewContractInput {
  @PackageCodesField({ optional: true, description: 'default: the packages of the contract renewed' })
  packageCodes?: string[];

  @ContractYearsField({ optional: true, description: 'default: the years of the contract renewed' })
  years?: number;

  @ApiPropertyOptional({ description: 'default: the authorisation of the contract renewed' })
  @IsOptional()
  @IsBoolean({ message: '请选择是否授权医保支付' })
  insuranceAuthorized?: boolean;
}

export class TerminateContractDto implements TerminateContractInput {
  @ApiProperty({
    enum: TERMINATION_REASONS,
    description: 'residents: residentRequest, movedAway or other; staff: movedAway, death, unreachable, refusedService or other',
  })
  @IsString({ message: '请选择解约原因' })
  @IsIn(TERMINATION_REASONS as readonly string[], { message: '请选择解约原因' })
  reason: string;
}

export class ChangeTeamDto implements ChangeTeamInput {
  @ApiProperty()
  @IsString({ message: '请选择新的家庭医生团队' })
  @IsNotEmpty({ message: '请选择新的家庭医生团队' })
  @MaxLength(36, { message: '家庭医生团队不正确' })
  teamId: string;

  @IdField('家庭医生', { optional: true })
  doctorId?: string;
}
