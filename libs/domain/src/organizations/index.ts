export * from './organization.entity';
export * from './organizations.errors';
export * from './organizations.module';
export * from './organizations.service';
export * from './team.entity';
export * from './organizations.export';
export * from './organization-references';
export * from './repository/organization-names.read-model';
