export * from './audit.module';
export * from './audit.service';
export * from './entities/audit-entry.entity';
export { AuditPageDto, toAuditPage } from './dto/audit.dto';
