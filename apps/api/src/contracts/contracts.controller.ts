import { Body, Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Roles } from '../auth/auth-context';
import { IdempotencyInterceptor } from '../common/idempotency.interceptor';
import { ContractsService } from './contracts.service';
import { ChangeTeamDto, CreateContractsDto, RenewContractDto, TerminateContractDto } from './dto/contract.dto';
import { ContractSchema, Type } from '@jiayi/contract';
import { ApiResult } from '../common/api-result';

@ApiTags('resident')
@ApiBearerAuth()
@Roles('resident')
@Controller('contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  /** One pending contract per person (household signing: all or none). */
  @Post()
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(Type.Array(ContractSchema), { status: 201, errors: [404, 409] })
  sign(@Auth() auth: AuthContext, @Body() dto: CreateContractsDto) {
    return this.contracts.sign(auth, dto);
  }

  @Get()
  @ApiResult(Type.Array(ContractSchema))
  list(@Auth() auth: AuthContext) {
    return this.contracts.list(auth);
  }

  @Get(':id')
  @ApiResult(ContractSchema, { errors: [404] })
  get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.contracts.get(auth, id);
  }

  @Post(':id/renew')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(ContractSchema, { status: 201, errors: [404, 409] })
  renew(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: RenewContractDto) {
    return this.contracts.renew(auth, id, dto);
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @ApiResult(ContractSchema, { errors: [404, 409] })
  terminate(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: TerminateContractDto) {
    return this.contracts.terminate(auth, id, dto);
  }

  @Post(':id/change-team')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiResult(ContractSchema, { status: 201, errors: [404, 409] })
  changeTeam(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: ChangeTeamDto) {
    return this.contracts.changeTeam(auth, id, dto);
  }
}
