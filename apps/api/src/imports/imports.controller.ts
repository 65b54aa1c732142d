import { Body, Controller, Get, Header, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccountExportService, ImportFormat, ImportsService, serializeVCards } from '#domain/imports/index';
import { PeopleService } from '#domain/people/index';
import { ClientInfo, SecurityEventsService } from '#domain/security-events/index';
import { Client, CurrentUserId } from '../auth/current-user.decorator';
import { ApiFileUpload, ApiJsonUpload, uploadedJson, uploadedText } from '../common/file-upload';
import { uuidParam } from '../common/uuid-param';
import { AccountExportDto } from '#domain/account-export/index';
import { ImportRunResponse, ImportRunsPage, VCardExportQuery } from './dto/import-run.response';
import { PageQuery } from '../common/page-query';
import { createValidationPipe } from '#platform';

/** The export document is validated here, not by the global pipe: it arrives as the JSON body or as a form's file. */
const exportDocument = createValidationPipe();

@ApiTags('imports and exports')
@ApiBearerAuth()
@Controller()
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly accountExport: AccountExportService,
    private readonly people: PeopleService,
    private readonly events: SecurityEventsService,
  ) {}

  @Post('imports/linkedin')
  @ApiOperation({ summary: 'Import LinkedIn "Connections.csv" as LinkedIn writes it. Small files answer 201 with the report; large ones 202, then poll GET /imports/:id' })
  @ApiFileUpload('text/csv', 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n…')
  @ApiCreatedResponse({ type: ImportRunResponse })
  @ApiAcceptedResponse({ type: ImportRunResponse })
  importLinkedIn(@CurrentUserId() userId: string, @Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<ImportRunResponse> {
    return this.start(userId, 'linkedin-csv', uploadedText(body, 'text/csv', contentType), reply);
  }

  @Post('imports/vcard')
  @ApiOperation({ summary: 'Import a .vcf file (vCard 3.0 or 4.0, any number of cards)' })
  @ApiFileUpload('text/vcard', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Ünal\r\nEND:VCARD\r\n')
  @ApiCreatedResponse({ type: ImportRunResponse })
  @ApiAcceptedResponse({ type: ImportRunResponse })
  importVCard(@CurrentUserId() userId: string, @Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<ImportRunResponse> {
    return this.start(userId, 'vcard', uploadedText(body, 'text/vcard', contentType), reply);
  }

  @Post('imports/dossier')
  @ApiOperation({ summary: 'Import a Dossier export (GET /export) into this account, which must be empty (409 otherwise): the document as the JSON body, or its file in a form' })
  @ApiJsonUpload(AccountExportDto)
  @ApiCreatedResponse({ type: ImportRunResponse })
  @ApiAcceptedResponse({ type: ImportRunResponse })
  async importDossier(@CurrentUserId() userId: string, @Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<ImportRunResponse> {
    const document = (await exportDocument.transform(uploadedJson(body, contentType), { type: 'body', metatype: AccountExportDto })) as AccountExportDto;
    return this.start(userId, 'dossier-json', JSON.stringify(document), reply);
  }

  @Get('imports')
  @ApiOkResponse({ type: ImportRunsPage })
  async list(@CurrentUserId() userId: string, @Query() query: PageQuery): Promise<ImportRunsPage> {
    const page = { limit: query.limit ?? 50, offset: query.offset ?? 0 };
    const [runs, total] = await this.imports.list(userId, page);
    return { items: runs.map(ImportRunResponse.from), total, ...page };
  }

  @Get('imports/:id')
  @ApiOperation({ summary: 'An import: status, progress and report' })
  @ApiOkResponse({ type: ImportRunResponse })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<ImportRunResponse> {
    return ImportRunResponse.from(await this.imports.get(userId, id));
  }

  @Get('export')
  @ApiOperation({ summary: 'All of your data as one versioned JSON document (import it with POST /imports/dossier)' })
  @ApiOkResponse({ type: AccountExportDto })
  @Header('content-disposition', 'attachment; filename="dossier-export.json"')
  async export(@CurrentUserId() userId: string, @Client() client: ClientInfo): Promise<AccountExportDto> {
    const document = await this.accountExport.export(userId);
    await this.events.record(userId, 'export-made', { ...client, details: { format: 'dossier-json' } });
    return document;
  }

  @Get('export/vcard')
  @ApiOperation({ summary: 'Your people as a .vcf file (vCard 4.0 by default, or ?version=3.0)' })
  @ApiProduces('text/vcard')
  @ApiOkResponse({ description: 'One vCard per person (deleted people left out)', schema: { type: 'string', example: 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoë Ångström\r\nEND:VCARD\r\n' } })
  async exportVCard(@CurrentUserId() userId: string, @Query() query: VCardExportQuery, @Res({ passthrough: true }) reply: FastifyReply, @Client() client: ClientInfo): Promise<string> {
    const people = await this.people.listAll(userId);
    await this.events.record(userId, 'export-made', { ...client, details: { format: 'vcard' } });
    void reply.header('content-type', 'text/vcard; charset=utf-8').header('content-disposition', 'attachment; filename="dossier-people.vcf"');
    return serializeVCards(
      people.map((p) => ({
        id: p.id,
        fullName: p.fullName,
        givenName: p.givenName ?? undefined,
        familyName: p.familyName ?? undefined,
        headline: p.headline ?? undefined,
        role: p.role ?? undefined,
        organizationName: p.organization?.name,
        teamName: p.team?.name,
        emails: p.emails,
        phones: p.phones,
        links: p.links as Record<string, string>,
        tags: p.tags,
        notes: p.notes ?? undefined,
      })),
      query.version ?? '4.0',
    );
  }

  private async start(userId: string, format: ImportFormat, payload: string, reply: FastifyReply): Promise<ImportRunResponse> {
    const { run, queued } = await this.imports.start(userId, format, payload);
    void reply.status(queued ? 202 : 201);
    if (queued) void reply.header('location', `/imports/${run.id}`);
    return ImportRunResponse.from(run);
  }
}
