import { AuditWriterModule } from '@huntkit/api/audit';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { ToolSetting } from './entities/tool-setting.entity';
import { ToolCatalogService } from './tool-catalog.service';
import { AdminToolsController, ToolsController } from './tools.controller';

/** The tool catalog: definitions in code, admin settings in the database. */
@Module({
  imports: [AuditWriterModule, MikroOrmModule.forFeature([ToolSetting])],
  controllers: [ToolsController, AdminToolsController],
  providers: [ToolCatalogService],
  exports: [ToolCatalogService],
})
export class ToolsModule {}
