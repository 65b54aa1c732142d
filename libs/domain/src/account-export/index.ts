export * from './account-export-part';
export * from './account-export.document';
export * from './restore-context';
