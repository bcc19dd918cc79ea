import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccountClosureSchema, ConsentWithdrawalSchema, MeSchema, PersonSchema, Type } from '@jiayi/contract';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { ApiResult } from '../common/api-result';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { FamilyMemberDto, UpdateProfileDto } from './dto/profile.dto';
import { PeopleService } from './people.service';
import { PrivacyRightsService } from './privacy-rights.service';

@ApiTags('resident')
@ApiBearerAuth()
@Roles('resident')
@Controller('me')
export class MeController {
  constructor(
    private readonly people: PeopleService,
    private readonly rights: PrivacyRightsService,
  ) {}

  @Get()
  @ApiResult(MeSchema)
  me(@Auth() auth: AuthContext) {
    return this.people.me(auth);
  }

  @Put('profile')
  @ApiResult(PersonSchema, { errors: [409] })
  updateProfile(@Auth() auth: AuthContext, @Body() dto: UpdateProfileDto) {
    return this.people.updateProfile(auth, dto);
  }

  @Get('family-members')
  @ApiResult(Type.Array(PersonSchema))
  listFamily(@Auth() auth: AuthContext) {
    return this.people.listFamily(auth);
  }

  @Post('family-members')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(PersonSchema, { status: 201, errors: [409] })
  addFamilyMember(@Auth() auth: AuthContext, @Body() dto: FamilyMemberDto) {
    return this.people.addFamilyMember(auth, dto);
  }

  @Put('family-members/:id')
  @ApiResult(PersonSchema, { errors: [404, 409] })
  updateFamilyMember(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: FamilyMemberDto) {
    return this.people.updateFamilyMember(auth, id, dto);
  }

  @Delete('family-members/:id')
  @HttpCode(204)
  @ApiResult(null, { status: 204, errors: [404, 409] })
  removeFamilyMember(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.people.removeFamilyMember(auth, id);
  }

  /** PIPL art. 15: withdraw the separate consent for sensitive information (see PrivacyRightsService). */
  @Post('consent/withdraw')
  @HttpCode(200)
  @ApiResult(ConsentWithdrawalSchema)
  withdrawConsent(@Auth() auth: AuthContext) {
    return this.rights.withdrawConsent(auth);
  }

  /** PIPL art. 47: close the account; what the law keeps is kept, the rest erased. */
  @Post('close')
  @HttpCode(200)
  @ApiResult(AccountClosureSchema, { errors: [409] })
  close(@Auth() auth: AuthContext) {
    return this.rights.closeAccount(auth);
  }
}
