import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { userRowsReference } from '#platform';
import { StageTemplate } from './stage-template.entity';
import type { OrganizationReference } from '../organizations/index';

/** Every statement on stage templates. */
@Injectable()
export class StageTemplatesRepository {
  /** An organization's own stage templates follow a merge of organizations (registered in StageTemplatesModule). */
  readonly organizationReferences: OrganizationReference[] = [{ kind: 'stageTemplates', ...userRowsReference({ table: 'stage_templates', column: 'organization_id' }) }];

  constructor(@InjectRepository(StageTemplate) private readonly templates: Repository<StageTemplate>) {}

  /** By name, a page at a time, with the total. */
  page(userId: string, organizationId: string | undefined, limit: number, offset: number): Promise<[StageTemplate[], number]> {
    const where = organizationId ? { userId, organizationId } : { userId };
    return this.templates.findAndCount({ where, order: { name: 'ASC', id: 'ASC' }, take: limit, skip: offset });
  }

  findOne(userId: string, id: string): Promise<StageTemplate | null> {
    return this.templates.findOneBy({ id, userId });
  }

  build(fields: Partial<StageTemplate>): StageTemplate {
    return this.templates.create(fields);
  }

  save(template: StageTemplate): Promise<StageTemplate> {
    return this.templates.save(template);
  }

  async delete(userId: string, id: string): Promise<boolean> {
    return !!(await this.templates.delete({ id, userId })).affected;
  }

  /** The organization's most recently changed template. */
  latestForOrganization(userId: string, organizationId: string): Promise<StageTemplate | null> {
    return this.templates.findOne({ where: [{ userId, organizationId }], order: { updatedAt: 'DESC' } });
  }

  /** The user's template of this name for no organization in particular. */
  generalNamed(userId: string, name: string): Promise<StageTemplate | null> {
    return this.templates.findOne({ where: { userId, organizationId: IsNull(), name } });
  }
}
