import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AudienceResolver } from './audience-resolver';
import { FeedController } from './feed.controller';
import { FeedService } from './feed.service';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxJob } from './outbox.job';
import { OutboxService } from './outbox.service';
import { pushesConfig } from './pushes.config';
import { PushesService } from './pushes.service';
import { StaffPushesController } from './staff-pushes.controller';
import { SubscriptionsService } from './subscriptions.service';
import { WechatTokenService } from './wechat-token.service';
import { UploadsController } from '../uploads/uploads.controller';
import { UploadsService } from '../uploads/uploads.service';

/** Health information pushes, the feed, subscriptions, the outbox and its dispatcher, uploads. */
@Module({
  imports: [ConfigModule.forFeature(pushesConfig)],
  controllers: [FeedController, StaffPushesController, UploadsController],
  providers: [
    AudienceResolver,
    FeedService,
    OutboxDispatcher,
    OutboxJob,
    OutboxService,
    PushesService,
    SubscriptionsService,
    WechatTokenService,
    UploadsService,
  ],
  exports: [OutboxDispatcher, OutboxJob, PushesService],
})
export class PushesModule {}
