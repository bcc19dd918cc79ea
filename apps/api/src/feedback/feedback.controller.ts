import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FeedbackSchema, StaffFeedbackSchema, Type } from '@jiayi/contract';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { ApiResult } from '../common/api-result';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { FeedbackDto, FeedbackQueryDto, FeedbackUpdateDto } from './feedback.dto';
import { FeedbackService } from './feedback.service';

@ApiTags('resident')
@ApiBearerAuth()
@Roles('resident')
@Controller('feedback')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Post()
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(FeedbackSchema, { status: 201, errors: [409] })
  send(@Auth() auth: AuthContext, @Body() dto: FeedbackDto) {
    return this.feedback.send(auth, dto);
  }

  @Get()
  @ApiResult(Type.Array(FeedbackSchema))
  mine(@Auth() auth: AuthContext) {
    return this.feedback.mine(auth);
  }
}

@ApiTags('staff')
@ApiBearerAuth()
@Roles('doctor', 'clinicAdmin', 'regionAdmin')
@Controller('staff/feedback')
export class StaffFeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get()
  @ApiResult(Type.Array(StaffFeedbackSchema))
  queue(@Auth() auth: AuthContext, @Query() query: FeedbackQueryDto) {
    return this.feedback.queue(auth, query.status);
  }

  /** Take it on (inProgress) or close it with a reply (closed). */
  @Post(':id')
  @HttpCode(200)
  @ApiResult(StaffFeedbackSchema, { errors: [404, 409] })
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: FeedbackUpdateDto) {
    return this.feedback.update(auth, id, dto);
  }
}
