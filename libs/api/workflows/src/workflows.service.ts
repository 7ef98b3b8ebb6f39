import { type FieldError, ProblemException, ValidationProblemException } from '@huntkit/api/core';
import {
  type GraphProblem,
  parseWorkflowFile,
  serializeWorkflowFile,
  WORKFLOW_TEMPLATES,
  type WorkflowGraph,
  type WorkflowTemplate,
} from '@huntkit/shared/workflow';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { Workflow } from './entities/workflow.entity';
import { WorkflowVersion } from './entities/workflow-version.entity';
import { type CheckedGraph, type LoadedCatalog, WorkflowChecks } from './workflow-checks';

export interface WorkflowDraft {
  name: string;
  description?: string;
  graph: unknown;
}

/** A workflow with the graph of its current version and what running it costs. */
export interface WorkflowView {
  workflow: Workflow;
  graph: WorkflowGraph;
  checked: CheckedGraph;
}

const notFound = () =>
  new ProblemException(HttpStatus.NOT_FOUND, 'workflow_not_found', 'There is no such workflow.');

/** Equal as stored: Postgres keeps JSON keys in its own order, and JSON has no `undefined`. */
const sameJson = (a: unknown, b: unknown) =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));

/** Graph problems as the field errors of a 422, under the request field they came from. */
function toFieldErrors(problems: readonly GraphProblem[], field: 'graph' | 'content'): FieldError[] {
  return problems.map((problem) => ({
    field: field === 'graph' ? ['graph', ...problem.pointer.split('/').filter(Boolean)].join('.') : 'content',
    pointer: field === 'graph' ? `/graph${problem.pointer}` : '/content',
    detail:
      field === 'graph' || !problem.pointer
        ? problem.message
        : `${problem.pointer.slice(1)}: ${problem.message}`,
    code: problem.code,
    nodeIds: problem.nodeIds,
  }));
}

/** Where the user's workflows live: saved as versions, checked by the same rules as the editor's. */
@Injectable()
export class WorkflowsService {
  constructor(
    private readonly em: EntityManager,
    private readonly checks: WorkflowChecks,
  ) {}

  validate(graph: unknown): Promise<CheckedGraph> {
    return this.checks.check(graph);
  }

  async templates(): Promise<{ template: WorkflowTemplate; checked: CheckedGraph }[]> {
    const catalog = await this.checks.catalogPorts();
    return Promise.all(
      WORKFLOW_TEMPLATES.map(async (template) => ({
        template,
        checked: await this.checks.check(template.graph, catalog),
      })),
    );
  }

  async list(userId: string, { page, pageSize }: { page: number; pageSize: number }) {
    const em = this.em.fork();
    const [workflows, total] = await em.findAndCount(
      Workflow,
      { userId },
      { orderBy: { updatedAt: 'desc', id: 'asc' }, limit: pageSize, offset: (page - 1) * pageSize },
    );
    const versions = await this.currentVersions(em, workflows);
    const catalog = await this.checks.catalogPorts();
    const items = await Promise.all(
      workflows.map((workflow) => this.view(workflow, versions.get(workflow.id) as WorkflowVersion, catalog)),
    );
    return { items, total };
  }

  async get(userId: string, id: string): Promise<WorkflowView> {
    const em = this.em.fork();
    const workflow = await this.owned(em, userId, id);
    const [version] = (await this.currentVersions(em, [workflow])).values();
    return this.view(workflow, version as WorkflowVersion);
  }

  /** One saved version, as a run that ran it refers to it. */
  async version(userId: string, id: string, version: number): Promise<WorkflowGraph> {
    const em = this.em.fork();
    const workflow = await this.owned(em, userId, id);
    const found = await em.findOne(WorkflowVersion, { workflow, version });
    if (!found)
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'workflow_version_not_found',
        'There is no such version.',
      );
    return found.graph;
  }

  async create(userId: string, draft: WorkflowDraft): Promise<WorkflowView> {
    const checked = await this.checked(draft.graph, 'graph');
    return this.insert(userId, draft, checked);
  }

  async import(userId: string, content: string): Promise<WorkflowView> {
    const file = parseWorkflowFile(content);
    if (!file.ok) throw new ValidationProblemException(toFieldErrors(file.problems, 'content'));
    const name = typeof file.name === 'string' ? file.name.trim().slice(0, 120) : '';
    const description = typeof file.description === 'string' ? file.description.slice(0, 2000) : '';
    const checked = await this.checked(file.graph, 'content');
    return this.insert(userId, { name: name || 'Imported workflow', description }, checked);
  }

  /**
   * Saves a change. A changed graph becomes the next version; a rename alone keeps the version. The
   * caller names the version it edited, so a save over someone else's newer one is refused (409).
   */
  async update(
    userId: string,
    id: string,
    draft: WorkflowDraft & { version: number },
  ): Promise<WorkflowView> {
    const checked = await this.checked(draft.graph, 'graph');
    await this.em.fork().transactional(async (em) => {
      const workflow = await this.owned(em, userId, id);
      const current = await em.findOneOrFail(WorkflowVersion, { workflow, version: workflow.version });
      const graphChanged = !sameJson(current.graph, checked.graph);
      const same =
        !graphChanged &&
        workflow.name === draft.name &&
        workflow.description === (draft.description ?? workflow.description);
      // Sending back what is already saved changes nothing, whatever version the client had: a retry.
      if (same) return;
      if (draft.version !== workflow.version)
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'workflow_version_conflict',
          `This workflow was saved as version ${workflow.version} since you opened version ${draft.version}. Reload it and make your change again.`,
          { currentVersion: workflow.version },
        );
      const next = graphChanged ? workflow.version + 1 : workflow.version;
      const now = new Date();
      // Conditional on the version read: of two saves racing from one version, the second gets 0 rows.
      const updated = await em.nativeUpdate(
        Workflow,
        { id, version: workflow.version },
        {
          name: draft.name,
          description: draft.description ?? workflow.description,
          version: next,
          updatedAt: now,
        },
      );
      if (updated === 0)
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'workflow_version_conflict',
          'This workflow was saved meanwhile. Reload it and make your change again.',
        );
      if (graphChanged)
        em.persist(
          em.create(WorkflowVersion, { workflow, version: next, graph: checked.graph, createdAt: now }),
        );
    });
    return this.get(userId, id);
  }

  async remove(userId: string, id: string): Promise<void> {
    const deleted = await this.em.fork().nativeDelete(Workflow, { id, userId });
    if (deleted === 0) throw notFound();
  }

  async export(
    userId: string,
    id: string,
    format: 'yaml' | 'json',
  ): Promise<{ fileName: string; text: string }> {
    const { workflow, graph } = await this.get(userId, id);
    const slug =
      workflow.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'workflow';
    return {
      fileName: `${slug}.huntkit.${format}`,
      text: serializeWorkflowFile({ name: workflow.name, description: workflow.description, graph }, format),
    };
  }

  private async checked(graph: unknown, field: 'graph' | 'content'): Promise<CheckedGraph> {
    const checked = await this.checks.check(graph);
    if (checked.problems.length) throw new ValidationProblemException(toFieldErrors(checked.problems, field));
    return checked;
  }

  private async insert(
    userId: string,
    draft: Omit<WorkflowDraft, 'graph'>,
    checked: CheckedGraph,
  ): Promise<WorkflowView> {
    const em = this.em.fork();
    const now = new Date();
    const workflow = em.create(Workflow, {
      userId,
      name: draft.name,
      description: draft.description ?? '',
      createdAt: now,
      updatedAt: now,
    });
    em.persist([
      workflow,
      em.create(WorkflowVersion, { workflow, version: 1, graph: checked.graph, createdAt: now }),
    ]);
    await em.flush();
    return { workflow, graph: checked.graph, checked };
  }

  private async owned(em: EntityManager, userId: string, id: string): Promise<Workflow> {
    const workflow = await em.findOne(Workflow, { id, userId });
    if (!workflow) throw notFound();
    return workflow;
  }

  private async currentVersions(
    em: EntityManager,
    workflows: readonly Workflow[],
  ): Promise<Map<string, WorkflowVersion>> {
    if (workflows.length === 0) return new Map();
    const versions = await em.find(WorkflowVersion, {
      $or: workflows.map((workflow) => ({ workflow: workflow.id, version: workflow.version })),
    });
    return new Map(versions.map((version) => [version.workflow.id, version]));
  }

  /** The saved graph with today's prices: costs are estimated afresh, the graph is as saved. */
  private async view(
    workflow: Workflow,
    version: WorkflowVersion,
    catalog?: LoadedCatalog,
  ): Promise<WorkflowView> {
    const checked = await this.checks.check(version.graph, catalog);
    return { workflow, graph: version.graph, checked };
  }
}
