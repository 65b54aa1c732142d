export * from './people.errors';
export * from './people.module';
export * from './people.service';
export * from './people.types';
export * from './person-references';
export * from './person.entity';
export * from './phone-numbers';
export * from './people.export';
