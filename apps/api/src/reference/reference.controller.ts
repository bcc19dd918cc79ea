import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdField } from '../common/dto-fields';
import { ReferenceService } from './reference.service';
import { CommunitySchema, HospitalSchema, TeamSchema, Type } from '@jiayi/contract';
import { ApiResult } from '../common/api-result';

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
  @ApiResult(Type.Array(CommunitySchema))
  communities() {
    return this.reference.communities();
  }

  @Get('teams')
  @ApiResult(Type.Array(TeamSchema))
  teams(@Query() query: TeamsQueryDto) {
    return this.reference.teams(query.communityId ? { communityId: query.communityId } : {});
  }

  @Get('hospitals')
  @ApiResult(Type.Array(HospitalSchema))
  hospitals() {
    return this.reference.hospitals();
  }
}
