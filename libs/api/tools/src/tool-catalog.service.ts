import { type AuditRecord, AuditService } from '@huntkit/api/audit';
import { ProblemException } from '@huntkit/api/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { ToolDefinition } from './definitions/tool-definition';
import { TOOL_DEFINITIONS } from './definitions/tool-definitions';
import { ToolSetting } from './entities/tool-setting.entity';
import { findOnPath } from './program-availability';

export interface CatalogTool extends ToolDefinition {
  enabled: boolean;
  /** Null when the tool can run; otherwise why not, in words for the catalog. */
  unavailableReason: string | null;
}

/** The catalog: the code's tool definitions with the admins' settings laid over them. */
@Injectable()
export class ToolCatalogService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<CatalogTool[]> {
    const settings = new Map(
      (await this.em.fork().find(ToolSetting, {})).map((setting) => [setting.toolId, setting]),
    );
    return TOOL_DEFINITIONS.map((definition) => this.withSettings(definition, settings.get(definition.id)));
  }

  async get(toolId: string): Promise<CatalogTool> {
    const definition = TOOL_DEFINITIONS.find((tool) => tool.id === toolId);
    if (!definition)
      throw new ProblemException(HttpStatus.NOT_FOUND, 'tool_not_found', 'There is no such tool.');
    const setting = await this.em.fork().findOne(ToolSetting, { toolId });
    return this.withSettings(definition, setting ?? undefined);
  }

  /** Admin: switch a tool on or off, or set its cost (null restores the default). Audited. */
  async configure(
    toolId: string,
    change: { enabled?: boolean; cost?: number | null },
    actor: Pick<AuditRecord, 'actorId' | 'ip' | 'userAgent'>,
  ): Promise<CatalogTool> {
    const before = await this.get(toolId);
    await this.em.fork().transactional(async (em) => {
      const setting = (await em.findOne(ToolSetting, { toolId })) ?? em.create(ToolSetting, { toolId });
      if (change.enabled !== undefined) setting.enabled = change.enabled;
      if (change.cost !== undefined) setting.cost = change.cost;
      em.persist(setting);
      this.audit.record(em, {
        ...actor,
        action: 'tool.configured',
        details: {
          toolId,
          before: { enabled: before.enabled, cost: before.cost },
          after: { enabled: setting.enabled, cost: setting.cost ?? this.definitionOf(toolId).cost },
        },
      });
    });
    return this.get(toolId);
  }

  private definitionOf(toolId: string): ToolDefinition {
    return TOOL_DEFINITIONS.find((tool) => tool.id === toolId) as ToolDefinition;
  }

  private withSettings(definition: ToolDefinition, setting?: ToolSetting): CatalogTool {
    const enabled = setting?.enabled ?? true;
    const missingProgram = definition.program && !findOnPath(definition.program);
    return {
      ...definition,
      cost: setting?.cost ?? definition.cost,
      enabled,
      unavailableReason: !enabled
        ? 'Switched off by an admin.'
        : missingProgram
          ? `${definition.program} is not installed on the workers.`
          : null,
    };
  }
}
