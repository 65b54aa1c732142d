import { PickType } from '@nestjs/swagger';
import { ListApplicationsQuery } from './application.dto';

/** The filters of GET /applications that make sense for a full export: status and organization. */
export class ExportApplicationsQuery extends PickType(ListApplicationsQuery, ['status', 'organizationId'] as const) {}
