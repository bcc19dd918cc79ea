import { Module } from '@nestjs/common';
import { FeedbackController, StaffFeedbackController } from './feedback.controller';
import { FeedbackService } from './feedback.service';

/** Residents' feedback and complaints, and the institution's queue. */
@Module({ controllers: [FeedbackController, StaffFeedbackController], providers: [FeedbackService] })
export class FeedbackModule {}
