export * from './filters';
export * from './graph-problems';
export * from './graph-rules';
export * from './graph-shape';
export * from './workflow-cost';
export * from './workflow-file';
export * from './workflow-graph';
export * from './workflow-templates';
