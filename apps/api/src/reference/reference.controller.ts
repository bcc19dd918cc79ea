import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdField } from '../common/dto-fields';
import { ReferenceService } from './reference.service';

class TeamsQueryDto {
  @IdField('村/社区', { optional: true })
  communityId?: string;
}

@ApiTags('reference')
@ApiBearerAuth()
@Controller()
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('communities')
  communities() {
    return this.reference.communities();
  }

  @Get('teams')
  teams(@Query() query: TeamsQueryDto) {
    return this.reference.teams(query.communityId ? { communityId: query.communityId } : {});
  }

  @Get('hospitals')
  hospitals() {
    return this.reference.hospitals();
  }
}
