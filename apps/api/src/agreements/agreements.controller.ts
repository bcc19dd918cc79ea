import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgreementsService } from './agreements.service';
import { AgreementSchema, type Agreement } from '@jiayi/contract';
import { ApiResult } from '../common/api-result';

@ApiTags('resident')
@ApiBearerAuth()
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get('current')
  @ApiResult(AgreementSchema, { errors: [404] })
  async current(): Promise<Agreement> {
    const { version, title, text, hash, effectiveFrom } = await this.agreements.current();
    return { version, title, text, hash, effectiveFrom: effectiveFrom.toISOString() };
  }
}
