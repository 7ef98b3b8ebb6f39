export * from './lib/tool-category-grid';
