// @citation-js ships no type declarations: the little of it Dossier uses.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: object[]);
    format(format: 'bibtex', options: { format: 'text' }): string;
  }
}
declare module '@citation-js/plugin-bibtex';
