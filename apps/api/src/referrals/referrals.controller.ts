import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ReferralSchema, SlotPoolSchema, Type } from '@jiayi/contract';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { ApiResult } from '../common/api-result';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { ReferralDto, SlotQueryDto } from './dto/referral.dto';
import { ReferralPoolsService } from './referral-pools.service';
import { ReferralsService } from './referrals.service';

/** The resident's referrals: places left, requests for self and family, cancellation. */
@ApiTags('resident')
@ApiBearerAuth()
@Roles('resident')
@Controller()
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly pools: ReferralPoolsService,
  ) {}

  @Get('referral-slots')
  @ApiResult(Type.Array(SlotPoolSchema))
  slots(@Query() query: SlotQueryDto) {
    return this.pools.bookable(query);
  }

  @Get('referrals')
  @ApiResult(Type.Array(ReferralSchema))
  list(@Auth() auth: AuthContext) {
    return this.referrals.list(auth);
  }

  @Post('referrals')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(ReferralSchema, { status: 201, errors: [404, 409] })
  request(@Auth() auth: AuthContext, @Body() dto: ReferralDto) {
    return this.referrals.request(auth, dto);
  }

  @Post('referrals/:id/cancel')
  @HttpCode(200)
  @ApiResult(ReferralSchema, { errors: [404, 409] })
  cancel(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.referrals.cancel(auth, id);
  }
}
