import { CreateNetworkSchema1795889026096 } from './1795889026096-create-network-schema';

/** Every migration, in order. A new migration is generated into this folder and added here. */
export const MIGRATIONS: Function[] = [CreateNetworkSchema1795889026096];
