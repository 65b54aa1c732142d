export * from './referral-path';
export * from './referral.entity';
export * from './referrals.errors';
export * from './referrals.module';
export * from './referrals.service';
export * from './referrals.export';
export * from './repository/referrals.read-model';
export * from './repository/referral-carry';
