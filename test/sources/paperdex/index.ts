import { registerScholarlySource } from '#domain/scholarly/index';
import { paperdexSource } from './paperdex.source';

// A plug-in source registers itself when its folder is imported (before the apps are built).
registerScholarlySource(paperdexSource);

export { paperdexSource };
export { PAPERDEX } from './paperdex.normalize';
