import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from './auth-context';
import { AuthService } from './auth.service';
import { StaffLoginDto, WechatLoginDto } from './dto/login.dto';
import { LoginResultSchema } from '@jiayi/contract';
import { ApiResult } from '../common/api-result';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public() @Post('wechat-login') @HttpCode(200) @ApiResult(LoginResultSchema, { errors: [503] })
  wechatLogin(@Body() dto: WechatLoginDto) {
    return this.auth.wechatLogin(dto.code);
  }

  @Public() @Post('staff-login') @HttpCode(200) @ApiResult(LoginResultSchema, { errors: [429] })
  staffLogin(@Body() dto: StaffLoginDto) {
    return this.auth.staffLogin(dto.username, dto.password);
  }
}
