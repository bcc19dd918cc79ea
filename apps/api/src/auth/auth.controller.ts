import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiResult } from '../common/api-result';
import { Public, Roles } from './auth-context';
import { AuthService } from './auth.service';
import { StaffLoginDto, WechatLoginDto, WechatPhoneDto } from './dto/login.dto';
import { WechatClient } from './wechat.client';
import { LoginResultSchema, WechatPhoneSchema } from '@jiayi/contract';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly wechat: WechatClient,
  ) {}

  @Public()
  @Post('wechat-login')
  @HttpCode(200)
  @ApiResult(LoginResultSchema, { errors: [503] })
  wechatLogin(@Body() dto: WechatLoginDto) {
    return this.auth.wechatLogin(dto.code);
  }

  @Public()
  @Post('staff-login')
  @HttpCode(200)
  @ApiResult(LoginResultSchema, { errors: [429] })
  staffLogin(@Body() dto: StaffLoginDto) {
    return this.auth.staffLogin(dto.username, dto.password);
  }

  /** WeChat quick phone verification: exchanges a getPhoneNumber code for the resident's own number (not stored here; the profile saves it). */
  @Post('wechat-phone')
  @HttpCode(200)
  @Roles('resident')
  @ApiResult(WechatPhoneSchema, { errors: [503] })
  async wechatPhone(@Body() dto: WechatPhoneDto) {
    return { phone: await this.wechat.phoneNumber(dto.code) };
  }
}
