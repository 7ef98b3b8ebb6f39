import { Public } from '@huntkit/api/core';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ToolCategoryDto } from './dto/tool-category.dto';
import { TOOL_CATEGORIES } from './tool-categories';

@ApiTags('Tools')
@Public()
@Controller('tools')
export class ToolsController {
  @Get('categories')
  @ApiOperation({ summary: 'The tool categories of the catalog' })
  @ApiOkResponse({ type: [ToolCategoryDto] })
  listToolCategories(): ToolCategoryDto[] {
    return TOOL_CATEGORIES.map((category) => ({ ...category }));
  }
}
