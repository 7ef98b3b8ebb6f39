import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { TOOL_CATEGORIES } from './tool-categories';

export class ToolCategoryDto {
  @ApiProperty({ example: 'network' }) id!: string;
  @ApiProperty({ example: 'Network scanning' }) name!: string;
  @ApiProperty({ example: 'TCP port scans with banners and service guesses.' }) summary!: string;
  @ApiProperty({ example: 'lan', description: 'Material Symbols icon name' }) icon!: string;
}

@ApiTags('Tools')
@Controller('tools')
export class ToolsController {
  @Get('categories')
  @ApiOperation({ summary: 'The tool categories of the catalog' })
  @ApiOkResponse({ type: [ToolCategoryDto] })
  listToolCategories(): ToolCategoryDto[] {
    return TOOL_CATEGORIES.map((category) => ({ ...category }));
  }
}
