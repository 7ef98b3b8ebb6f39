import { type AuditRecord, AuditService } from '@huntkit/api/audit';
import { APP_CONFIG, type AppConfig, ProblemException, REDIS } from '@huntkit/api/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { RegisteredTool, ToolDefinition } from './definitions/tool-definition';
import { findTool, TOOL_REGISTRY } from './definitions/tool-registry';
import { ToolSetting } from './entities/tool-setting.entity';
import { reportedPrograms } from './runs/program-reports';

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
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What the workers reported; with Redis unreachable no wrapper counts as available. */
  private programs(): Promise<Set<string>> {
    return reportedPrograms(this.redis, this.config.redis.prefix).catch(() => new Set<string>());
  }

  async list(): Promise<CatalogTool[]> {
    const settings = new Map(
      (await this.em.fork().find(ToolSetting, {})).map((setting) => [setting.toolId, setting]),
    );
    const programs = await this.programs();
    return TOOL_REGISTRY.map((tool) => this.withSettings(tool, settings.get(tool.id), programs));
  }

  async get(toolId: string): Promise<CatalogTool> {
    const tool = findTool(toolId);
    if (!tool) throw new ProblemException(HttpStatus.NOT_FOUND, 'tool_not_found', 'There is no such tool.');
    const setting = await this.em.fork().findOne(ToolSetting, { toolId });
    return this.withSettings(tool, setting ?? undefined, await this.programs());
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
    return findTool(toolId) as ToolDefinition;
  }

  /** The catalog describes a tool; its runner stays in the registry, for the workers. */
  private withSettings(
    { run: _runner, ...definition }: RegisteredTool,
    setting: ToolSetting | undefined,
    programs: Set<string>,
  ): CatalogTool {
    const enabled = setting?.enabled ?? true;
    const missingProgram = definition.program && !programs.has(definition.program);
    return {
      ...definition,
      cost: setting?.cost ?? definition.cost,
      enabled,
      unavailableReason: !enabled
        ? 'Switched off by an admin.'
        : missingProgram
          ? `${definition.program} is not installed on any running worker.`
          : null,
    };
  }
}
