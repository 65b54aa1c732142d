export * from './erasure.module';
export * from './person-erasure.service';
