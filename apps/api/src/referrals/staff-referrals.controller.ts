import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PublishedPoolsSchema, SlotPoolSchema, StaffDownReferralSchema, StaffReferralSchema, Type } from '@jiayi/contract';
import { Auth, AuthContext, Roles, STAFF_ROLES } from '../auth/auth-context';
import { ApiResult } from '../common/api-result';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import {
  DeclineReferralDto,
  DownReferralDto,
  DownReferralsQueryDto,
  ReferralDto,
  ReferralFeedbackDto,
  SlotPoolBatchDto,
  SlotPoolDto,
  SlotPoolUpdateDto,
  SlotQueryDto,
  StaffReferralsQueryDto,
} from './dto/referral.dto';
import { ReferralPoolsService } from './referral-pools.service';
import { StaffReferralsService } from './staff-referrals.service';

/**
 * Referrals for staff: the hospital's coordinator manages pools, outcomes, feedback and
 * down-referrals; the family-doctor team approves, declines, books and acknowledges.
 */
@ApiTags('staff')
@ApiBearerAuth()
@Roles(...STAFF_ROLES)
@Controller('staff')
export class StaffReferralsController {
  constructor(
    private readonly staff: StaffReferralsService,
    private readonly pools: ReferralPoolsService,
  ) {}

  @Get('referral-slots')
  @ApiResult(Type.Array(SlotPoolSchema), { errors: [404] })
  slots(@Auth() auth: AuthContext, @Query() query: SlotQueryDto) {
    return this.pools.staffList(auth, query);
  }

  @Post('referral-slots')
  @Roles('hospitalCoordinator')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(SlotPoolSchema, { status: 201, errors: [404, 409] })
  publish(@Auth() auth: AuthContext, @Body() dto: SlotPoolDto) {
    return this.pools.publish(auth, dto);
  }

  @Post('referral-slots/batch')
  @Roles('hospitalCoordinator')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(PublishedPoolsSchema, { status: 201, errors: [404] })
  publishBatch(@Auth() auth: AuthContext, @Body() dto: SlotPoolBatchDto) {
    return this.pools.publishBatch(auth, dto);
  }

  @Put('referral-slots/:id')
  @Roles('hospitalCoordinator')
  @ApiResult(SlotPoolSchema, { errors: [404, 409] })
  updatePool(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: SlotPoolUpdateDto) {
    return this.pools.update(auth, id, dto);
  }

  @Get('referrals')
  @ApiResult(Type.Array(StaffReferralSchema))
  list(@Auth() auth: AuthContext, @Query() query: StaffReferralsQueryDto) {
    return this.staff.list(auth, query);
  }

  @Get('referrals/:id')
  @ApiResult(StaffReferralSchema, { errors: [404] })
  get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.staff.get(auth, id);
  }

  @Post('referrals')
  @Roles('doctor', 'clinicAdmin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(StaffReferralSchema, { status: 201, errors: [404, 409] })
  book(@Auth() auth: AuthContext, @Body() dto: ReferralDto) {
    return this.staff.bookFor(auth, dto);
  }

  @Post('referrals/:id/approve')
  @HttpCode(200)
  @Roles('doctor', 'clinicAdmin')
  @ApiResult(StaffReferralSchema, { errors: [404, 409] })
  approve(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.staff.approve(auth, id);
  }

  @Post('referrals/:id/decline')
  @HttpCode(200)
  @Roles('doctor', 'clinicAdmin')
  @ApiResult(StaffReferralSchema, { errors: [404, 409] })
  decline(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: DeclineReferralDto) {
    return this.staff.decline(auth, id, dto);
  }

  @Post('referrals/:id/visit')
  @HttpCode(200)
  @Roles('hospitalCoordinator')
  @ApiResult(StaffReferralSchema, { errors: [404, 409] })
  visit(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.staff.outcome(auth, id, 'visited');
  }

  @Post('referrals/:id/no-show')
  @HttpCode(200)
  @Roles('hospitalCoordinator')
  @ApiResult(StaffReferralSchema, { errors: [404, 409] })
  noShow(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.staff.outcome(auth, id, 'noShow');
  }

  @Post('referrals/:id/feedback')
  @HttpCode(200)
  @Roles('hospitalCoordinator')
  @ApiResult(StaffReferralSchema, { errors: [404, 409] })
  feedback(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: ReferralFeedbackDto) {
    return this.staff.feedback(auth, id, dto);
  }

  @Get('down-referrals')
  @ApiResult(Type.Array(StaffDownReferralSchema))
  downReferrals(@Auth() auth: AuthContext, @Query() query: DownReferralsQueryDto) {
    return this.staff.downReferrals(auth, query);
  }

  @Post('down-referrals')
  @Roles('hospitalCoordinator')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(StaffDownReferralSchema, { status: 201, errors: [404, 409] })
  sendDown(@Auth() auth: AuthContext, @Body() dto: DownReferralDto) {
    return this.staff.sendDown(auth, dto);
  }

  @Post('down-referrals/:id/acknowledge')
  @HttpCode(200)
  @Roles('doctor', 'clinicAdmin')
  @ApiResult(StaffDownReferralSchema, { errors: [404, 409] })
  acknowledge(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.staff.acknowledge(auth, id);
  }
}
