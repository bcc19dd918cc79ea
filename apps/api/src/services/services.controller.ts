import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ResidentServicesSchema, ServiceRecordSchema, SignatureSchema } from '@jiayi/contract';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { ApiResult } from '../common/api-result';
import { OnsiteSigningService } from './onsite-signing.service';
import { ServiceRecordsService } from './service-records.service';

/** 我的服务: the resident's and their family's services and plans; confirming a service. */
@ApiTags('resident')
@ApiBearerAuth()
@Roles('resident')
@Controller()
export class ServicesController {
  constructor(
    private readonly services: ServiceRecordsService,
    private readonly onsite: OnsiteSigningService,
  ) {}

  @Get('services')
  @ApiResult(ResidentServicesSchema)
  list(@Auth() auth: AuthContext) {
    return this.services.residentServices(auth);
  }

  @Post('services/:id/confirm')
  @HttpCode(200)
  @ApiResult(ServiceRecordSchema, { errors: [404, 409] })
  confirm(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.services.confirm(auth, id);
  }

  /** The signature the resident gave on site, shown to them with their contract. */
  @Get('contracts/:id/signature')
  @ApiResult(SignatureSchema, { errors: [404] })
  signature(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.onsite.residentSignature(auth, id);
  }
}
