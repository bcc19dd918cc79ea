import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { authConfig, AuthConfig } from '../config/configuration';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { WechatClient } from './wechat.client';

@Module({
  imports: [
    JwtModule.registerAsync({
      global: true,
      inject: [authConfig.KEY],
      useFactory: (config: AuthConfig) => ({
        // A KeyObject, not the string: jsonwebtoken otherwise tries createPublicKey() on the string and
        // falls back on every call — a third of the API's CPU under load (measured, BENCHMARKS.md).
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as Buffer,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, WechatClient, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
