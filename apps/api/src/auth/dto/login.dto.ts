import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { StaffLoginInput, WechatLoginInput, WechatPhoneInput } from '@jiayi/contract';

export class WechatLoginDto implements WechatLoginInput {
  @ApiProperty({ description: 'wx.login() code; the WeChat stand-in accepts "dev:<openid>"' })
  @IsString({ message: '登录凭证格式不正确' })
  @IsNotEmpty({ message: '缺少微信登录凭证' })
  @MaxLength(128, { message: '登录凭证过长' })
  code: string;
}

export class StaffLoginDto implements StaffLoginInput {
  @ApiProperty()
  @IsString({ message: '请输入用户名' })
  @IsNotEmpty({ message: '请输入用户名' })
  @MaxLength(60, { message: '用户名过长' })
  username: string;

  @ApiProperty()
  @IsString({ message: '请输入密码' })
  @IsNotEmpty({ message: '请输入密码' })
  @MaxLength(200, { message: '密码过长' })
  password: string;
}

export class WechatPhoneDto implements WechatPhoneInput {
  @ApiProperty({ description: 'the code of a getPhoneNumber button; the WeChat stand-in accepts "phone:<11 digits>"' })
  @IsString({ message: '手机号凭证格式不正确' })
  @IsNotEmpty({ message: '缺少手机号凭证' })
  @MaxLength(128, { message: '手机号凭证过长' })
  code: string;
}
