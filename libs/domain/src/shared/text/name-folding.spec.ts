import { foldName, foldText, splitFullName } from './name-folding';

describe('foldText', () => {
  it.each([
    ['José Hernández-Orallo', 'jose hernandez-orallo'],
    ['Łukasz Kaiser', 'lukasz kaiser'],
    ['Jürgen Schmidhuber', 'jurgen schmidhuber'],
    ['Søren Kierkegaard', 'soren kierkegaard'],
    ['Ilya Sutskever', 'ilya sutskever'],
    ['François Chollet', 'francois chollet'],
    ['Đorđe Nikolić', 'dorde nikolic'],
    ['Þórunn Guðmundsdóttir', 'thorunn gudmundsdottir'],
    ['Bjørn Ødegård', 'bjorn odegard'],
    ['Straße', 'strasse'],
    ['Œuvre Æsir', 'oeuvre aesir'],
    ['Işıl Doğan', 'isil dogan'],
    ['İstanbul', 'istanbul'],
    ['Ħal Saflieni', 'hal saflieni'],
  ])('folds Latin %j → %j', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('makes accented and plain spellings equal', () => {
    expect(foldText('JÜRGEN  Schmidhuber')).toBe(foldText('Jurgen Schmidhuber'));
    expect(foldText('Łukasz')).toBe(foldText('lukasz'));
    expect(foldText('Søren')).toBe(foldText('soren'));
  });

  it('collapses whitespace of any kind and trims', () => {
    expect(foldText('  Yann\u00A0 \tLeCun \n')).toBe('yann lecun');
    expect(foldText('')).toBe('');
    expect(foldText('   ')).toBe('');
  });

  it('expands compatibility characters (ligatures, full-width)', () => {
    expect(foldText('ﬁeld')).toBe('field');
    expect(foldText('ＡＢＣ１２３')).toBe('abc123');
  });

  it('removes invisible copy-paste characters', () => {
    expect(foldText('Kar\u00ADpathy\u200B')).toBe('karpathy');
  });

  it('folds a long text as it folds each of its words, whatever separates them', () => {
    // Words outside ASCII take the slow path alone; the rest is lower-cased.
    const words = ['We', 'Train', 'Schrödinger', 'ﬁeld', 'Ｍodels', '\u0301Accent', 'Łukasz\u00AD', 'é\uFEFF', 'Й'];
    const text = words.join(' \u00A0\t\u3000');
    expect(foldText(text)).toBe('we train schrodinger field models accent lukasz e й');
    expect(foldText(text)).toBe(words.map(foldText).join(' '));
    expect(foldText('Deep \uFEFF Learning')).toBe('deep learning');
  });

  it('keeps Cyrillic, including й as a letter of its own', () => {
    expect(foldText('Андрей Карпатый')).toBe('андрей карпатый');
    expect(foldText('Пётр Щербаков')).toBe('петр щербаков');
    expect(foldText('Ўладзімір')).toBe('ўладзімір');
  });

  it('keeps Greek and strips its accents', () => {
    expect(foldText('Ἀθηνᾶ')).toBe('αθηνα');
    expect(foldText('ΟΔΥΣΣΕΥΣ')).toBe(foldText('Οδυσσεύς'));
  });

  it('keeps CJK untouched', () => {
    expect(foldText('李飞飞')).toBe('李飞飞');
    expect(foldText('山田 太郎')).toBe('山田 太郎');
    expect(foldText('김철수')).toBe('김철수');
  });

  it('keeps marks that spell the word in Japanese and Indic scripts', () => {
    expect(foldText('ガブリエル')).toBe('ガブリエル');
    expect(foldText('हिन्दी')).toBe('हिन्दी');
  });

  it('keeps Arabic letters and drops optional vowel marks', () => {
    expect(foldText('محمد')).toBe('محمد');
    expect(foldText('مُحَمَّد')).toBe('محمد');
  });
});

describe('splitFullName', () => {
  it.each([
    ['José Hernández-Orallo', { givenName: 'José', familyName: 'Hernández-Orallo' }],
    ['Łukasz Kaiser', { givenName: 'Łukasz', familyName: 'Kaiser' }],
    ['Jürgen Schmidhuber', { givenName: 'Jürgen', familyName: 'Schmidhuber' }],
    ['Søren Kierkegaard', { givenName: 'Søren', familyName: 'Kierkegaard' }],
    ['Ilya Sutskever', { givenName: 'Ilya', familyName: 'Sutskever' }],
    ['Андрей Карпатый', { givenName: 'Андрей', familyName: 'Карпатый' }],
    ['Geoffrey E. Hinton', { givenName: 'Geoffrey E.', familyName: 'Hinton' }],
    ['Guido van Rossum', { givenName: 'Guido', familyName: 'van Rossum' }],
    ['Ludwig von der Heide', { givenName: 'Ludwig', familyName: 'von der Heide' }],
    ['Martin Luther King Jr.', { givenName: 'Martin Luther', familyName: 'King Jr.' }],
    ['Hinton, Geoffrey E.', { givenName: 'Geoffrey E.', familyName: 'Hinton' }],
    ['John Smith, Jr.', { givenName: 'John', familyName: 'Smith, Jr.' }],
    ['  Yann   LeCun ', { givenName: 'Yann', familyName: 'LeCun' }],
  ])('splits %j', (input, expected) => {
    expect(splitFullName(input)).toEqual(expected);
  });

  it('returns givenName only for a single token', () => {
    expect(splitFullName('Madonna')).toEqual({ givenName: 'Madonna' });
    expect(splitFullName('李飞飞')).toEqual({ givenName: '李飞飞' });
  });

  it('treats spaced CJK names as family-name first', () => {
    expect(splitFullName('山田 太郎')).toEqual({ familyName: '山田', givenName: '太郎' });
    expect(splitFullName('李 飞飞')).toEqual({ familyName: '李', givenName: '飞飞' });
  });

  it('does not treat a leading capitalised "Van" as a particle', () => {
    expect(splitFullName('Van Jacobson')).toEqual({ givenName: 'Van', familyName: 'Jacobson' });
  });

  it('returns nothing for a blank name', () => {
    expect(splitFullName('')).toEqual({});
    expect(splitFullName('   ')).toEqual({});
  });
});

describe('foldName', () => {
  it('drops apostrophes of every kind, so "oconnor" finds O’Connor', () => {
    for (const name of ["O'Connor", 'O’Connor', 'Oʼconnor', 'O`Connor', 'Ó’Connor']) expect(foldName(name)).toBe('oconnor');
    expect(foldName("Siobhán D'Arcy-O'Neill")).toBe('siobhan darcy-oneill');
  });

  it('folds like foldText otherwise', () => {
    expect(foldName('  Émilie   du Châtelet ')).toBe(foldText('  Émilie   du Châtelet '));
  });
});
