import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { TerminateContractDto } from './dto/contract.dto';
import { ConfirmContractDto, RejectContractDto, ResidentsQueryDto, SigningRefusalDto, StaffContractsQueryDto } from './dto/staff-contract.dto';
import { StaffContractsService } from './staff-contracts.service';
import { SigningRefusalSchema, StaffContractPageSchema, StaffContractSchema, StaffResidentSchema, StaffTeamSchema, Type } from '@jiayi/contract';
import { ApiResult } from '../common/api-result';

/** The doctor's confirmation workspace; doctors see their team, clinic admins their institution, region admins the region. */
@ApiTags('staff')
@ApiBearerAuth()
@Roles('doctor', 'clinicAdmin', 'regionAdmin')
@Controller('staff')
export class StaffContractsController {
  constructor(private readonly staff: StaffContractsService) {}

  @Get('contracts')
  @ApiResult(StaffContractPageSchema)
  list(@Auth() auth: AuthContext, @Query() query: StaffContractsQueryDto) {
    return this.staff.list(auth, query);
  }

  @Get('contracts/:id')
  @ApiResult(StaffContractSchema, { errors: [404] })
  get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.staff.get(auth, id);
  }

  @Post('contracts/:id/confirm')
  @HttpCode(200)
  @Roles('doctor', 'clinicAdmin')
  @ApiResult(StaffContractSchema, { errors: [404, 409] })
  confirm(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: ConfirmContractDto) {
    return this.staff.confirm(auth, id, dto);
  }

  @Post('contracts/:id/reject')
  @HttpCode(200)
  @Roles('doctor', 'clinicAdmin')
  @ApiResult(StaffContractSchema, { errors: [404, 409] })
  reject(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: RejectContractDto) {
    return this.staff.reject(auth, id, dto);
  }

  @Post('contracts/:id/terminate')
  @HttpCode(200)
  @Roles('doctor', 'clinicAdmin')
  @ApiResult(StaffContractSchema, { errors: [404, 409] })
  terminate(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: TerminateContractDto) {
    return this.staff.terminate(auth, id, dto);
  }

  @Get('teams')
  @ApiResult(Type.Array(StaffTeamSchema))
  teams(@Auth() auth: AuthContext) {
    return this.staff.teams(auth);
  }

  @Post('refusals')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(SigningRefusalSchema, { status: 201, errors: [404] })
  recordRefusal(@Auth() auth: AuthContext, @Body() dto: SigningRefusalDto) {
    return this.staff.recordRefusal(auth, dto);
  }

  @Get('refusals')
  @ApiResult(Type.Array(SigningRefusalSchema))
  refusals(@Auth() auth: AuthContext) {
    return this.staff.refusals(auth);
  }

  @Get('residents')
  @ApiResult(Type.Array(StaffResidentSchema))
  residents(@Auth() auth: AuthContext, @Query() query: ResidentsQueryDto) {
    return this.staff.residents(auth, query);
  }
}
