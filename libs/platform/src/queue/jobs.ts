/** Every queue Dossier runs. Queue names are kebab-case; one queue per kind of outside work. */
export const QueueName = {
  Imports: 'imports',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Every job, named `domain.verb-noun`. */
export const JobName = {
  RunImport: 'imports.run-import',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** Which queue carries each job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.RunImport]: QueueName.Imports,
};

/** Job payloads hold ids only; the handler loads the rest. */
export type JobItem = { name: typeof JobName.RunImport; data: { importId: string } };

export type JobData<N extends JobName> = Extract<JobItem, { name: N }>['data'];
