import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { NoticeSchema, Type } from '@jiayi/contract';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { ApiResult } from '../common/api-result';
import { NoticesService } from './notices.service';

@ApiTags('resident')
@ApiBearerAuth()
@Roles('resident')
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @ApiResult(Type.Array(NoticeSchema))
  list(@Auth() auth: AuthContext) {
    return this.notices.list(auth);
  }

  @Post(':id/read')
  @ApiResult(NoticeSchema, { status: 201, errors: [404] })
  read(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.notices.markOneRead(auth, id);
  }
}
