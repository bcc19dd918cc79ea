import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { FAMILY_RELATIONS, type FamilyRelation, type KeyGroupTag } from '@jiayi/domain';
import type { FamilyMemberInput, ProfileInput } from '@jiayi/contract';
import { DeclaredTagsField, IdField, IdNumberField, PersonNameField, PhoneField } from '../../common/dto-fields';

class PersonFields {
  @PersonNameField()
  name: string;

  @IdNumberField()
  idNumber: string;

  @DeclaredTagsField()
  declaredTags: KeyGroupTag[];
}

export class UpdateProfileDto extends PersonFields implements ProfileInput {
  @PhoneField()
  phone: string;

  @IdField('所在村/社区')
  communityId: string;

  @ApiProperty()
  @IsString({ message: '缺少隐私政策版本' })
  @IsNotEmpty({ message: '请先阅读隐私政策' })
  @MaxLength(20, { message: '隐私政策版本不正确' })
  privacyPolicyVersion: string;

  @ApiProperty({ description: 'PIPL art. 29 separate consent; must be true' })
  @IsBoolean({ message: '请勾选同意处理敏感个人信息' })
  @Equals(true, { message: '需要您单独同意处理健康等敏感个人信息，才能签约' })
  sensitiveConsent: boolean;
}

export class FamilyMemberDto extends PersonFields implements FamilyMemberInput {
  @PhoneField({ optional: true })
  phone?: string;

  @ApiProperty({ enum: FAMILY_RELATIONS })
  @IsIn(FAMILY_RELATIONS, { message: '请选择与您的关系' })
  relation: FamilyRelation;

  @ApiPropertyOptional({ description: 'required true for a member under 14 (PIPL art. 31)' })
  @IsOptional()
  @IsBoolean({ message: '监护人同意格式不正确' })
  guardianConsent?: boolean;
}
