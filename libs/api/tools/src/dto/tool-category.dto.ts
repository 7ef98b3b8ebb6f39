import { ApiProperty } from '@nestjs/swagger';

export class ToolCategoryDto {
  @ApiProperty({ example: 'network' }) id!: string;
  @ApiProperty({ example: 'Network scanning' }) name!: string;
  @ApiProperty({ example: 'TCP port scans with banners and service guesses.' }) summary!: string;
  @ApiProperty({ example: 'lan', description: 'Material Symbols icon name' }) icon!: string;
  @ApiProperty({ example: 2, description: 'Tools in the category that are switched on' }) toolCount!: number;
}
