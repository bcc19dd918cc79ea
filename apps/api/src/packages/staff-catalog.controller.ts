import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { inTransaction, writeOnce } from '../database/transaction';
import { KeyGroupTag, packageYearTotals, RegionPolicy, ServicePackage, validatePackage, validateRegionPolicy } from '@jiayi/domain';
import { Auth, AuthContext, Roles, STAFF_ROLES } from '../auth/auth-context';
import { refusal, notFound, refusalError } from '../common/api-error';
import { Region } from '../reference/region.entity';
import { CatalogService } from './catalog.service';
import { PackageDto, RegionPolicyDto } from './dto/staff-catalog.dto';
import { ServicePackageRecord } from './service-package.entity';
import { OfferedPackageSchema, RegionPolicySchema, Type } from '@jiayi/contract';
import { ApiResult } from '../common/api-result';

/** The region's catalog and policy: every staff member reads them, the region admin changes them. */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
export class StaffCatalogController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
  ) {}

  @Get('policies')
  @Roles(...STAFF_ROLES)
  @ApiResult(RegionPolicySchema, { errors: [404] })
  async policy(@Auth() auth: AuthContext) {
    return (await this.region(auth)).policy;
  }

  @Put('policies')
  @Roles('regionAdmin')
  @ApiResult(RegionPolicySchema)
  async updatePolicy(@Auth() auth: AuthContext, @Body() dto: RegionPolicyDto) {
    const checked = validateRegionPolicy(dto as RegionPolicy);
    if (!checked.ok) throw refusalError(checked);
    await writeOnce(this.dataSource, (manager) => manager.update(Region, { id: auth.regionId }, { policy: checked.value }));
    return checked.value;
  }

  @Get('packages')
  @Roles(...STAFF_ROLES)
  @ApiResult(Type.Array(OfferedPackageSchema), { errors: [404] })
  async packages(@Auth() auth: AuthContext) {
    const catalog = await this.catalog.catalog((await this.region(auth)).id);
    return catalog.map((pkg) => ({ ...pkg, totals: packageYearTotals(pkg, catalog) }));
  }

  @Post('packages')
  @Roles('regionAdmin')
  @ApiResult(OfferedPackageSchema, { status: 201, errors: [409] })
  async createPackage(@Auth() auth: AuthContext, @Body() dto: PackageDto) {
    const region = await this.region(auth);
    const exists = await this.dataSource.getRepository(ServicePackageRecord).findOneBy({ regionId: region.id, code: dto.code });
    if (exists) throw refusal('PACKAGE.CODE_TAKEN', '服务包编码已存在', 'code');
    return this.save(region.id, dto, randomUUID());
  }

  @Put('packages/:code')
  @Roles('regionAdmin')
  @ApiResult(OfferedPackageSchema, { errors: [404, 409] })
  async updatePackage(@Auth() auth: AuthContext, @Param('code') code: string, @Body() dto: PackageDto) {
    const region = await this.region(auth);
    const existing = await this.dataSource.getRepository(ServicePackageRecord).findOneBy({ regionId: region.id, code });
    if (!existing) throw notFound('没有找到该服务包');
    if (dto.code !== code) throw refusal('PACKAGE.CODE_IMMUTABLE', '服务包编码不能修改', 'code');
    return this.save(region.id, dto, existing.id);
  }

  private async save(regionId: string, dto: PackageDto, id: string) {
    const catalog = (await this.catalog.catalog(regionId)).filter((p) => p.code !== dto.code);
    const pkg: ServicePackage = { ...dto, targetTags: dto.targetTags as KeyGroupTag[], items: dto.items.map((i) => ({ ...i })) };
    const checked = validatePackage(pkg, [...catalog, pkg]);
    if (!checked.ok) throw refusalError(checked);
    await inTransaction(this.dataSource, (manager) =>
      manager.save(ServicePackageRecord, {
        id,
        regionId,
        ...checked.value,
        referenceCode: checked.value.referenceCode ?? null,
        active: true,
      }),
    );
    return { ...checked.value, totals: packageYearTotals(checked.value, [...catalog, checked.value]) };
  }

  private async region(auth: AuthContext): Promise<Region> {
    const region = await this.dataSource.getRepository(Region).findOneBy({ id: auth.regionId });
    if (!region) throw notFound('没有找到所属地区');
    return region;
  }
}
