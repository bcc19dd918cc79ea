import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  NonSigningReportSchema,
  NonSigningSchema,
  OnsiteQuoteSchema,
  OnsiteSigningSchema,
  ResidentRecordSchema,
  ServiceRecordSchema,
  SignatureSchema,
  TodoSchema,
  Type,
} from '@jiayi/contract';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { ApiResult } from '../common/api-result';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import {
  CorrectServiceDto,
  NonSigningUpdateDto,
  OnsiteQuoteDto,
  OnsiteSigningDto,
  RecordServiceDto,
  SignatureDto,
  StaffServicesQueryDto,
  TodoQueryDto,
} from './dto/services.dto';
import { NonSigningService } from './non-signing.service';
import { OnsiteSigningService } from './onsite-signing.service';
import { ServiceRecordsService } from './service-records.service';
import { TodoService } from './todo.service';

/** The team's side of the contract: on-site signing, service records, the to-do list, the resident's record. */
@ApiTags('staff')
@ApiBearerAuth()
@Roles('doctor', 'clinicAdmin', 'regionAdmin')
@Controller('staff')
export class StaffServicesController {
  constructor(
    private readonly onsite: OnsiteSigningService,
    private readonly services: ServiceRecordsService,
    private readonly todo: TodoService,
    private readonly nonSigning: NonSigningService,
  ) {}

  /** 上门签约: registers a household without WeChat and signs it on site; the contracts are active at once. */
  @Post('onsite-signings')
  @Roles('doctor', 'clinicAdmin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(OnsiteSigningSchema, { status: 201, errors: [404, 409] })
  signOnSite(@Auth() auth: AuthContext, @Body() dto: OnsiteSigningDto) {
    return this.onsite.sign(auth, dto);
  }

  /** The resident's quote for each member of a household about to be signed on site. */
  @Post('onsite-quotes')
  @Roles('doctor', 'clinicAdmin')
  @HttpCode(200)
  @ApiResult(OnsiteQuoteSchema)
  quoteOnSite(@Auth() auth: AuthContext, @Body() dto: OnsiteQuoteDto) {
    return this.onsite.quote(auth, dto);
  }

  @Post('contracts/:id/signature')
  @Roles('doctor', 'clinicAdmin')
  @HttpCode(200)
  @ApiResult(SignatureSchema, { errors: [404, 409] })
  addSignature(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: SignatureDto) {
    return this.onsite.addSignature(auth, id, dto);
  }

  @Get('contracts/:id/signature')
  @ApiResult(SignatureSchema, { errors: [404] })
  signature(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.onsite.staffSignature(auth, id);
  }

  @Get('todo')
  @ApiResult(TodoSchema)
  list(@Auth() auth: AuthContext, @Query() query: TodoQueryDto) {
    return this.todo.list(auth, query.mine ?? false);
  }

  @Post('services')
  @Roles('doctor', 'clinicAdmin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(ServiceRecordSchema, { status: 201, errors: [404, 409] })
  record(@Auth() auth: AuthContext, @Body() dto: RecordServiceDto) {
    return this.services.record(auth, dto);
  }

  @Get('services')
  @ApiResult(Type.Array(ServiceRecordSchema), { errors: [404] })
  listServices(@Auth() auth: AuthContext, @Query() query: StaffServicesQueryDto) {
    return this.services.listForPerson(auth, query.personId);
  }

  /** A correction is a new version; the old one is kept with current = false. */
  @Post('services/:id/corrections')
  @Roles('doctor', 'clinicAdmin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(ServiceRecordSchema, { status: 201, errors: [404, 409] })
  correct(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: CorrectServiceDto) {
    return this.services.correct(auth, id, dto);
  }

  @Get('residents/:personId/record')
  @ApiResult(ResidentRecordSchema, { errors: [404] })
  residentRecord(@Auth() auth: AuthContext, @Param('personId') personId: string) {
    return this.services.residentRecord(auth, personId);
  }

  @Put('refusals/:id')
  @Roles('doctor', 'clinicAdmin')
  @ApiResult(NonSigningSchema, { errors: [404] })
  updateNonSigning(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: NonSigningUpdateDto) {
    return this.nonSigning.update(auth, id, dto);
  }

  @Get('refusals/report')
  @ApiResult(NonSigningReportSchema)
  nonSigningReport(@Auth() auth: AuthContext) {
    return this.nonSigning.report(auth);
  }
}
