import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AgreementsService } from './agreements.service';

@ApiTags('resident')
@ApiBearerAuth()
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get('current')
  async current() {
    const { version, title, text, hash, effectiveFrom } = await this.agreements.current();
    return { version, title, text, hash, effectiveFrom };
  }
}
