import { Body, Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AudiencePreviewSchema, PushStatsSchema, StaffPushSchema, TemplateStatsSchema, Type } from '@jiayi/contract';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { ApiResult } from '../common/api-result';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { AudiencePreviewDto, PushDto } from './dto/push.dto';
import { OutboxJob } from './outbox.job';
import { PushesService } from './pushes.service';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('staff')
@ApiBearerAuth()
@Roles('doctor', 'clinicAdmin', 'regionAdmin')
@Controller('staff/pushes')
export class StaffPushesController {
  constructor(
    private readonly pushes: PushesService,
    private readonly job: OutboxJob,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  /** Stores the push and answers at once: `releasing` (发布中) until the release job has written its audience, or `scheduled`. */
  @Post()
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(StaffPushSchema, { status: 201, errors: [404, 409] })
  async create(@Auth() auth: AuthContext, @Body() dto: PushDto) {
    const push = await this.pushes.create(auth, dto);
    if (push.status === 'releasing') this.job.nudge();
    return push;
  }

  /** How many residents the audience reaches today, before publishing. */
  @Post('audience-preview')
  @HttpCode(200)
  @ApiResult(AudiencePreviewSchema, { errors: [404] })
  preview(@Auth() auth: AuthContext, @Body() dto: AudiencePreviewDto) {
    return this.pushes.preview(auth, dto.audience);
  }

  @Get()
  @ApiResult(Type.Array(StaffPushSchema))
  list(@Auth() auth: AuthContext) {
    return this.pushes.list(auth);
  }

  /** Per configured subscribe-message template, in the caller's scope: answers, subscriptions left, messages sent and refused (43101). */
  @Get('templates')
  @ApiResult(Type.Array(TemplateStatsSchema))
  templates(@Auth() auth: AuthContext) {
    return this.subscriptions.stats(auth);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiResult(StaffPushSchema, { errors: [404, 409] })
  withdraw(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.pushes.withdraw(auth, id);
  }

  @Get(':id/stats')
  @ApiResult(PushStatsSchema, { errors: [404] })
  stats(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.pushes.stats(auth, id);
  }
}
