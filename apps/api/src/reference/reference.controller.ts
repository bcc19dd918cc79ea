import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ReferenceService } from './reference.service';

class TeamsQueryDto {
  @IsOptional() @IsString({ message: '村/社区不正确' }) @MaxLength(36, { message: '村/社区不正确' })
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
