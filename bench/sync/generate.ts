// Realistic normalized records for the sync bench: tracked authors who share co-authors, so some
// works appear in several authors' lists, as they do in a real network of one lab's interviewers.
import { createHash } from 'node:crypto';
import type { NormalizedAuthor, NormalizedWork, WorkType } from '#domain/scholarly/index';
import { mulberry32 } from '../random';

export interface TrackedAuthor {
  index: number;
  name: string;
  openalexId: string;
  s2Id: string;
  orcid: string | null;
}

/** One generated work, before any source writes it down. */
export interface GeneratedWork {
  index: number;
  title: string;
  year: number;
  date: string;
  venue: string | null;
  type: WorkType;
  doi: string | null;
  arxivId: string | null;
  /** Every author in order; tracked ones carry their index. */
  authors: { name: string; openalexId: string; s2Id: string; orcid: string | null; tracked: number | null; affiliation: string | null }[];
  citations: number;
  abstract: string | null;
}

export interface Corpus {
  authors: TrackedAuthor[];
  works: GeneratedWork[];
  /** Each tracked author's works, newest first (the order a source lists them in). */
  worksOf: number[][];
}

const GIVEN = ['Ada', 'Alan', 'Grace', 'Yann', 'Yoshua', 'Fei-Fei', 'Andrej', 'Ilya', 'Oriol', 'Demis', 'Łukasz', 'Noam', 'Ashish', 'Jakob', 'Llion', 'Aidan', 'Niki', 'Illia', 'Chelsea', 'Sergey', 'Pieter', 'Zoë', 'Raia', 'Koray', 'Shakir', 'Mihaela', 'Jürgen', 'Sepp', 'Daphne', 'Percy', 'Christopher', 'Diyi', 'Tatsunori', 'Jacob', 'Kristina', 'Kenton', 'Ming-Wei', 'Mirella', 'Hinrich', 'Timnit'];
const FAMILY = ['Lovelace', 'Turing', 'Hopper', 'LeCun', 'Bengio', 'Li', 'Karpathy', 'Sutskever', 'Vinyals', 'Hassabis', 'Kaiser', 'Shazeer', 'Vaswani', 'Uszkoreit', 'Jones', 'Gomez', 'Parmar', 'Polosukhin', 'Finn', 'Levine', 'Abbeel', 'Ångström', 'Hadsell', 'Kavukcuoglu', 'Mohamed', 'van der Schaar', 'Schmidhuber', 'Hochreiter', 'Koller', 'Liang', 'Manning', 'Yang', 'Hashimoto', 'Devlin', 'Toutanova', 'Lee', 'Chang', 'Lapata', 'Schütze', 'Gebru', 'Müller', 'Dupont', 'Tanaka', 'Nakamura', 'Kowalski', 'Novák', 'García', 'Rossi', 'Okafor', 'Haddad'];
const AFFILIATIONS = ['Google DeepMind', 'OpenAI', 'Meta AI (FAIR)', 'Allen Institute for AI', 'Stanford University', 'MIT', 'ETH Zürich', 'University of Toronto', 'Mila', 'University of Oxford', 'Carnegie Mellon University', 'UC Berkeley', 'Anthropic', 'Microsoft Research', 'EPFL'];
const ADJ = ['Sparse', 'Scalable', 'Efficient', 'Robust', 'Hierarchical', 'Contrastive', 'Self-Supervised', 'Causal', 'Differentiable', 'Probabilistic', 'Equivariant', 'Multimodal', 'Few-Shot', 'Continual', 'Federated', 'Adversarial', 'Recurrent', 'Latent', 'Neural', 'Bayesian', 'Offline', 'Compositional', 'Long-Context', 'Low-Rank', 'Quantized'];
const NOUN = ['Transformers', 'Attention', 'Diffusion Models', 'Policy Optimization', 'Representations', 'Language Models', 'Graph Networks', 'World Models', 'Mixture of Experts', 'Retrieval', 'Reward Models', 'Normalizing Flows', 'State Space Models', 'Tokenizers', 'Optimizers', 'Embeddings', 'Agents', 'Program Synthesis', 'Memory', 'Distillation'];
const TASK = ['Protein Folding', 'Machine Translation', 'Image Recognition', 'Code Generation', 'Robotic Manipulation', 'Question Answering', 'Speech Recognition', 'Weather Forecasting', 'Theorem Proving', 'Molecular Design', 'Video Understanding', 'Dialogue', 'Summarization', 'Planning', 'Continuous Control', 'Chip Placement', 'Materials Discovery', 'Medical Imaging', 'Recommendation', 'Game Playing'];
// Five slots of 20–25 choices: millions of titles, so two works share one about as rarely as in life.
const FRAME = ['{A} {N} for {T} with {B} {M}', 'Towards {A} {N} in {T}: the Role of {B} {M}', '{N} Are {A} Learners of {T} under {B} {M}', 'On the {A} Limits of {N} for {T} and {B} {M}', 'Scaling {A} {N}: Lessons from {T} and {B} {M}', 'Revisiting {A} {N} with {B} {M} for {T}', 'When Do {A} {N} Help {T}? Evidence from {B} {M}', '{A} {N} via {B} {M} for {T}'];
const VENUES = ['NeurIPS', 'ICML', 'ICLR', 'ACL', 'EMNLP', 'CVPR', 'ICCV', 'AAAI', 'JMLR', 'Nature', 'TMLR', 'CoRL', 'NAACL', 'KDD'];
const SENTENCES = [
  'We study how model capacity, data and compute trade off under a fixed budget.',
  'Our method matches strong baselines while using a fraction of their parameters.',
  'Experiments on standard benchmarks show consistent gains across scales.',
  'We release code, checkpoints and evaluation scripts.',
  'A careful ablation isolates the contribution of each component.',
  'Theoretical analysis explains when the approach is expected to fail.',
  'The resulting models transfer to new tasks with little additional data.',
  'We identify a simple failure mode of prior work and propose a fix.',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function int(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A valid ORCID iD (ISO 7064 MOD 11-2 check character) from a number. */
export function orcidFor(n: number): string {
  const digits = String(1_000_000_000_000_000 + n).slice(-15);
  let total = 0;
  for (const d of digits) total = (total + Number(d)) * 2;
  const check = (12 - (total % 11)) % 11;
  const all = digits + (check === 10 ? 'X' : String(check));
  return all.match(/.{4}/g)!.join('-');
}

/**
 * `authorCount` tracked authors with `worksPerAuthor` works each. About a third of works are shared
 * with another tracked author (sometimes two), so the corpus has fewer works than list entries.
 */
export function generateCorpus(authorCount: number, worksPerAuthor: number, seed = 20_260_501): Corpus {
  const random = mulberry32(seed);
  const authors: TrackedAuthor[] = Array.from({ length: authorCount }, (_, i) => ({
    index: i,
    name: `${GIVEN[i % GIVEN.length]} ${FAMILY[(i * 7 + Math.floor(i / GIVEN.length)) % FAMILY.length]}`,
    openalexId: `A50${String(10_000_000 + i * 7919).padStart(8, '0')}`,
    s2Id: String(2_100_000_000 + i),
    orcid: i % 2 === 0 ? orcidFor(1_000 + i) : null,
  }));
  const coauthors = Array.from({ length: 3000 }, (_, i) => ({
    name: `${pick(random, GIVEN)} ${pick(random, FAMILY)}`,
    openalexId: `A51${String(i).padStart(8, '0')}`,
    s2Id: String(3_000_000_000 + i),
    orcid: random() < 0.3 ? orcidFor(500_000 + i) : null,
  }));

  const worksOf: number[][] = authors.map(() => []);
  const works: GeneratedWork[] = [];
  const open = new Set(authors.map((a) => a.index));
  let arxivSeq = 0;
  for (const a of authors) {
    while (worksOf[a.index].length < worksPerAuthor) {
      const tracked = [a.index];
      // Shared with one (sometimes two) other tracked authors who still have room.
      const share = random();
      const wanted = share < 0.05 ? 2 : share < 0.3 ? 1 : 0;
      const room = [...open].filter((b) => b !== a.index);
      for (let k = 0; k < wanted && room.length > 0; k++) tracked.push(room.splice(Math.floor(random() * room.length), 1)[0]);

      const count = Math.max(int(random, 3, 8), tracked.length);
      const slots = Array.from({ length: count }, (_, i) => i);
      const placed = new Map<number, number>();
      for (const t of tracked) {
        // Senior authors are often last, students first.
        const r = random();
        const free = slots.filter((s) => !placed.has(s));
        const slot = r < 0.3 && free.includes(0) ? 0 : r < 0.55 && free.includes(count - 1) ? count - 1 : pick(random, free);
        placed.set(slot, t);
      }
      const year = int(random, 2008, 2025);
      const month = int(random, 1, 12);
      const day = int(random, 1, 28);
      const hasArxiv = random() < 0.45;
      const hasDoi = random() < 0.6;
      const arxivId = hasArxiv ? `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}.${String(10_000 + (arxivSeq++ % 89_999)).padStart(5, '0')}` : null;
      const index = works.length;
      const venue = hasDoi || !hasArxiv ? pick(random, VENUES) : null;
      const title = pick(random, FRAME)
        .replace('{A}', pick(random, ADJ))
        .replace('{N}', pick(random, NOUN))
        .replace('{T}', pick(random, TASK))
        .replace('{B}', pick(random, ADJ))
        .replace('{M}', pick(random, NOUN));
      works.push({
        index,
        title,
        year,
        date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        venue,
        type: !hasDoi && hasArxiv ? 'preprint' : venue && ['JMLR', 'Nature', 'TMLR'].includes(venue) ? 'article' : 'conference-paper',
        doi: hasDoi ? `10.${5000 + (index % 400)}/${(venue ?? 'x').toLowerCase()}.${year}.${index}` : null,
        arxivId,
        authors: slots.map((s) => {
          const t = placed.get(s);
          if (t !== undefined) {
            const ta = authors[t];
            return { name: ta.name, openalexId: ta.openalexId, s2Id: ta.s2Id, orcid: ta.orcid, tracked: t, affiliation: pick(random, AFFILIATIONS) };
          }
          const c = pick(random, coauthors);
          return { ...c, tracked: null, affiliation: random() < 0.6 ? pick(random, AFFILIATIONS) : null };
        }),
        citations: Math.floor(Math.exp(random() * random() * 9)),
        abstract: random() < 0.7 ? Array.from({ length: int(random, 4, 9) }, () => pick(random, SENTENCES)).join(' ') : null,
      });
      for (const t of tracked) {
        worksOf[t].push(index);
        if (worksOf[t].length >= worksPerAuthor) open.delete(t);
      }
    }
  }
  for (const list of worksOf) list.sort((x, y) => works[y].date.localeCompare(works[x].date) || y - x);
  return { authors, works, worksOf };
}

/** The work as OpenAlex would give it, normalized. */
export function openalexRecord(w: GeneratedWork): NormalizedWork {
  const id = `W4${String(100_000_000 + w.index)}`;
  return {
    source: 'openalex',
    sourceId: id,
    sourceUrl: `https://openalex.org/${id}`,
    title: w.title,
    publicationDate: w.date,
    year: w.year,
    venue: w.venue ?? (w.arxivId ? 'arXiv (Cornell University)' : null),
    type: w.type,
    doi: w.doi ?? (w.arxivId ? `10.48550/arxiv.${w.arxivId}` : null),
    arxivId: w.arxivId,
    externalIds: { openalex: id },
    authors: w.authors.map((a, i): NormalizedAuthor => ({ position: i + 1, name: a.name, sourceAuthorId: a.openalexId, orcid: a.orcid, affiliations: a.affiliation ? [a.affiliation] : [] })),
    citationCount: w.citations,
    abstract: w.abstract,
    openAccessUrl: w.arxivId ? `https://arxiv.org/abs/${w.arxivId}` : null,
    pdfUrl: w.arxivId ? `https://arxiv.org/pdf/${w.arxivId}` : null,
    sourceUpdatedAt: `${Math.min(w.year + 1, 2026)}-01-15T00:00:00.000Z`,
  };
}

/** The same work as Semantic Scholar would give it: its own ids, its own count, the same DOI and arXiv id. */
export function semanticScholarRecord(w: GeneratedWork): NormalizedWork {
  const id = createHash('sha1').update(`s2:${w.index}`).digest('hex');
  return {
    source: 'semanticscholar',
    sourceId: id,
    sourceUrl: `https://www.semanticscholar.org/paper/${id}`,
    title: w.title,
    publicationDate: w.date,
    year: w.year,
    venue: w.venue ?? (w.arxivId ? 'arXiv.org' : null),
    type: w.type,
    doi: w.doi,
    arxivId: w.arxivId,
    externalIds: { semanticscholar: id, ...(w.doi ? { crossref: w.doi } : {}), ...(w.arxivId ? { arxiv: w.arxivId } : {}), corpus: String(200_000_000 + w.index) },
    authors: w.authors.map((a, i): NormalizedAuthor => ({ position: i + 1, name: a.name, sourceAuthorId: a.s2Id, orcid: null, affiliations: [] })),
    citationCount: Math.max(0, w.citations - (w.index % 7)),
    abstract: w.abstract,
    openAccessUrl: null,
    pdfUrl: null,
    sourceUpdatedAt: null,
  };
}

/** An author's list cut into pages of 100–200, as a source hands them out. */
export function pagesOf<T>(items: T[], random: () => number, min = 100, max = 200): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; ) {
    const size = int(random, min, max);
    pages.push(items.slice(i, i + size));
    i += size;
  }
  return pages;
}
