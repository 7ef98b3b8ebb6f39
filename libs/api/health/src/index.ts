export * from './entities/worker-probe.entity';
export * from './health.module';
