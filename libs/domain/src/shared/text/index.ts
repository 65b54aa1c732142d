// Text and identifiers made comparable, for every module: names and titles folded (case, accents,
// punctuation), DOIs, arXiv ids and ORCID iDs in one normal form, and a person's profile links
// canonicalised. Pure and dependency-free, so people, imports, scholarly sources and works share it
// without leaning on one another.
export * from './identifiers';
export * from './name-folding';
export * from './person-links';
export * from './title-folding';
