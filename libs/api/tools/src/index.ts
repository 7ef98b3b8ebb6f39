export * from './tools.module';
export * from './tool-catalog.service';
export * from './definitions/tool-definition';
export * from './definitions/tool-definitions';
export * from './entities/tool-setting.entity';
export * from './program-availability';
