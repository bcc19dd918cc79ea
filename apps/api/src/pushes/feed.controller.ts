import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FeedItemDetailSchema, FeedItemSchema, NotificationTemplateSchema, SubscriptionSchema, Type } from '@jiayi/contract';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { ApiResult } from '../common/api-result';
import { FeedQueryDto } from './dto/feed-query.dto';
import { SubscriptionsDto } from './dto/subscriptions.dto';
import { FeedService } from './feed.service';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('resident')
@ApiBearerAuth()
@Roles('resident')
@Controller()
export class FeedController {
  constructor(
    private readonly feed: FeedService,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  @Get('feed')
  @ApiResult(Type.Array(FeedItemSchema))
  list(@Auth() auth: AuthContext, @Query() query: FeedQueryDto) {
    return this.feed.list(auth, query.category);
  }

  /** Records the read; a withdrawn item answers with `withdrawn: true` and no body. */
  @Get('feed/:id')
  @ApiResult(FeedItemDetailSchema, { errors: [404] })
  open(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.feed.open(auth, id);
  }

  @Get('notification-templates')
  @ApiResult(Type.Array(NotificationTemplateSchema))
  templates() {
    return this.subscriptions.templates();
  }

  /** What wx.requestSubscribeMessage answered; safe to repeat only as often as WeChat answered. */
  @Post('subscriptions')
  @HttpCode(200)
  @ApiResult(Type.Array(SubscriptionSchema))
  subscribe(@Auth() auth: AuthContext, @Body() dto: SubscriptionsDto) {
    return this.subscriptions.record(auth, dto);
  }
}
