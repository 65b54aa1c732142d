import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StageTemplatesService } from '#domain/stage-templates/index';
import { CurrentUserId } from '../auth/current-user.decorator';
import { uuidParam } from '../common/uuid-param';
import { BuiltInTemplateResponse, CreateStageTemplateDto, ListStageTemplatesQuery, StageTemplateResponse, StageTemplatesPage, UpdateStageTemplateDto } from './dto/stage-template.dto';

@ApiTags('stage templates')
@ApiBearerAuth()
@Controller('stage-templates')
export class StageTemplatesController {
  constructor(private readonly templates: StageTemplatesService) {}

  @Get('built-in')
  @ApiOperation({ summary: "The loops Dossier ships with, including a research lab's Research Engineer loop" })
  @ApiOkResponse({ type: [BuiltInTemplateResponse] })
  builtIns(): BuiltInTemplateResponse[] {
    return this.templates.builtIns().map(BuiltInTemplateResponse.from);
  }

  @Post()
  @ApiOperation({ summary: 'A loop of your own, for one organization or general; applications copy its stages' })
  @ApiCreatedResponse({ type: StageTemplateResponse })
  async create(@CurrentUserId() userId: string, @Body() body: CreateStageTemplateDto): Promise<StageTemplateResponse> {
    return StageTemplateResponse.from(await this.templates.create(userId, body));
  }

  @Get()
  @ApiOkResponse({ type: StageTemplatesPage })
  async list(@CurrentUserId() userId: string, @Query() query: ListStageTemplatesQuery): Promise<StageTemplatesPage> {
    const page = { limit: query.limit ?? 50, offset: query.offset ?? 0 };
    const [templates, total] = await this.templates.list(userId, { organizationId: query.organizationId, ...page });
    return { items: templates.map(StageTemplateResponse.from), total, ...page };
  }

  @Get(':id')
  @ApiOkResponse({ type: StageTemplateResponse })
  async get(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<StageTemplateResponse> {
    return StageTemplateResponse.from(await this.templates.get(userId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a template; applications already created keep their own copy of the stages' })
  @ApiOkResponse({ type: StageTemplateResponse })
  async update(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string, @Body() body: UpdateStageTemplateDto): Promise<StageTemplateResponse> {
    return StageTemplateResponse.from(await this.templates.update(userId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentUserId() userId: string, @Param('id', uuidParam()) id: string): Promise<void> {
    await this.templates.remove(userId, id);
  }
}
