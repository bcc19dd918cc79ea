import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DeclaredTagsField, IdField, IdNumberField, PageLimitField, PageOffsetField, PersonNameField, PhoneField } from '../../common/dto-fields';
import { CONTRACT_STATUSES, NON_SIGNING_CATEGORIES, type NonSigningCategory } from '@jiayi/domain';
import type { ConfirmContractInput, RejectContractInput, SigningRefusalInput } from '@jiayi/contract';

export class StaffContractsQueryDto {
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES })
  @IsOptional()
  @IsIn(CONTRACT_STATUSES as readonly string[], { message: '签约状态不正确' })
  status?: string;

  @ApiPropertyOptional({ description: "part of the resident's name, the full ID number, its last 4–6 characters, or the full mobile number" })
  @IsOptional()
  @IsString({ message: '查询内容不正确' })
  @MaxLength(30, { message: '查询内容过长' })
  q?: string;

  @IdField('村/社区', { optional: true, description: "the resident's village or community" })
  communityId?: string;

  @ApiPropertyOptional({ description: 'only contracts that include this package' })
  @IsOptional()
  @IsString({ message: '服务包编码不正确' })
  @Matches(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, { message: '服务包编码不正确' })
  packageCode?: string;

  @PageLimitField(500, 100)
  limit?: number;

  @PageOffsetField()
  offset?: number;
}

export class ConfirmContractDto implements ConfirmContractInput {
  @DeclaredTagsField({ description: 'the declared key-group tags the doctor confirms (age tags are derived)', notAList: '请确认重点人群标签' })
  confirmedTags: string[];
}

export class RejectContractDto implements RejectContractInput {
  @ApiProperty()
  @IsString({ message: '请填写退回原因' })
  @IsNotEmpty({ message: '请填写退回原因' })
  @MaxLength(200, { message: '退回原因最多200个字' })
  reason: string;
}

export class SigningRefusalDto implements SigningRefusalInput {
  @PersonNameField()
  name: string;

  @IdNumberField()
  idNumber: string;

  @PhoneField({ optional: true })
  phone?: string;

  @IdField('家庭医生团队')
  teamId: string;

  @ApiProperty()
  @IsString({ message: '请填写拒签原因' })
  @IsNotEmpty({ message: '请填写拒签原因' })
  @MaxLength(200, { message: '拒签原因最多200个字' })
  reason: string;

  @ApiPropertyOptional({ enum: NON_SIGNING_CATEGORIES, default: 'refused', description: 'why the resident is not signed' })
  @IsOptional()
  @IsIn(NON_SIGNING_CATEGORIES as readonly string[], { message: '请选择未签约原因类别' })
  category?: NonSigningCategory;

  @ApiPropertyOptional({ description: 'the signed 知情告知书 (refused): data:image/png;base64,… or data:image/jpeg;base64,…' })
  @IsOptional()
  @IsString({ message: '请提供知情告知书照片' })
  @MaxLength(1_000_000, { message: '知情告知书照片过大' })
  @Matches(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/, { message: '知情告知书照片须为PNG或JPEG图片' })
  noticePhoto?: string;
}

export class ResidentsQueryDto {
  @ApiPropertyOptional({ description: 'part of the name, the full ID number, its last 4–6 characters, or the full mobile number' })
  @IsOptional()
  @IsString({ message: '查询内容不正确' })
  @MaxLength(30, { message: '查询内容过长' })
  q?: string;
}
