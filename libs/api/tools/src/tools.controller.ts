import { auditContextOf } from '@huntkit/api/audit';
import { ApiProblems, Public, RequireRoles, type SignedInRequest } from '@huntkit/api/core';
import { Body, Controller, Get, Param, Patch, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ToolCategoryDto } from './dto/tool-category.dto';
import { ConfigureToolDto, ToolDto } from './dto/tool.dto';
import { type CatalogTool, ToolCatalogService } from './tool-catalog.service';
import { TOOL_CATEGORIES } from './tool-categories';

function toToolDto(tool: CatalogTool): ToolDto {
  return {
    id: tool.id,
    name: tool.name,
    category: tool.category,
    summary: tool.summary,
    cost: tool.cost,
    configSchema: tool.configSchema as unknown as Record<string, unknown>,
    produces: [...tool.produces],
    accepts: [...tool.input.accepts],
    inputField: tool.input.field,
    defaultTimeoutSeconds: tool.defaultTimeoutSeconds,
    maxTimeoutSeconds: tool.maxTimeoutSeconds,
    ...(tool.program ? { program: tool.program } : {}),
    enabled: tool.enabled,
    unavailableReason: tool.unavailableReason,
  };
}

@ApiTags('Tools')
@Controller('tools')
@Public()
export class ToolsController {
  constructor(private readonly catalog: ToolCatalogService) {}

  @Get('categories')
  @ApiOperation({ summary: 'The tool categories of the catalog, with how many tools each holds' })
  @ApiOkResponse({ type: [ToolCategoryDto] })
  async listToolCategories(): Promise<ToolCategoryDto[]> {
    const tools = (await this.catalog.list()).filter((tool) => tool.enabled);
    return TOOL_CATEGORIES.map((category) => ({
      ...category,
      toolCount: tools.filter((tool) => tool.category === category.id).length,
    }));
  }

  @Get()
  @ApiOperation({ summary: 'Every tool switched on: cost, config schema, limits and availability' })
  @ApiOkResponse({ type: [ToolDto] })
  async listTools(): Promise<ToolDto[]> {
    return (await this.catalog.list()).filter((tool) => tool.enabled).map(toToolDto);
  }

  @Get(':toolId')
  @ApiOperation({ summary: 'One tool of the catalog' })
  @ApiOkResponse({ type: ToolDto })
  @ApiProblems(404)
  async getTool(@Param('toolId') toolId: string): Promise<ToolDto> {
    return toToolDto(await this.catalog.get(toolId));
  }
}

@ApiTags('Admin')
@Controller('admin/tools')
@RequireRoles('admin', 'superadmin')
@ApiProblems(401, 403)
export class AdminToolsController {
  constructor(private readonly catalog: ToolCatalogService) {}

  @Get()
  @ApiOperation({ summary: 'Every tool, switched on or off, with its effective cost' })
  @ApiOkResponse({ type: [ToolDto] })
  async listAllTools(): Promise<ToolDto[]> {
    return (await this.catalog.list()).map(toToolDto);
  }

  @Patch(':toolId')
  @ApiOperation({ summary: 'Switch a tool on or off, or change its cost (audited)' })
  @ApiOkResponse({ type: ToolDto })
  @ApiProblems(404, 422)
  async configureTool(
    @Param('toolId') toolId: string,
    @Body() body: ConfigureToolDto,
    @Req() request: SignedInRequest,
  ): Promise<ToolDto> {
    return toToolDto(await this.catalog.configure(toolId, body, auditContextOf(request)));
  }
}
