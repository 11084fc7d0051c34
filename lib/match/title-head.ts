import { cleanText, matchKey, wordTokens } from '../text/normalize';

// People name a paper by the part of its title before the first colon ('Never Train from Scratch').
// Such a head names one paper only when it is distinctive: a coined name ('RoBERTa', 'MathCoder2')
// or a phrase whose words are rare enough in the corpus's titles that another paper is unlikely to
// carry it. Common field words ('Pre-Trained Models', 'Instruction Pre-Training') never are.

const MIN_COINED_KEY = 4;
/** A phrase head needs a word found in no other corpus title, and this much information in all. */
const MIN_PHRASE_INFORMATION = 9;
/** A long head of moderately rare words names one paper even without a word of its own. */
const MIN_LONG_INFORMATION = 16;
const MIN_REST_KEY = 8;

// Function words, and the words titles open with or describe their genre by: they say nothing about which paper.
const STOPWORDS = new Set(
  (
    'a an the of for in on to and or with from via by at as is are be do does not no its it this that ' +
    'we you your our their what how why when which can vs versus into over under using towards toward ' +
    'again all once more less about beyond rethinking revisiting investigating exploring understanding ' +
    'introducing improving learning survey comprehensive study empirical analysis review overview'
  ).split(' '),
);

/** The part of a title before its first colon, or null when there is none worth naming. */
export function titleHead(title: string): string | null {
  const text = cleanText(title);
  const at = text.indexOf(':');
  if (at <= 0) return null;
  const head = text.slice(0, at).trim();
  return matchKey(text.slice(at + 1)).length >= MIN_REST_KEY && matchKey(head).length > 0 ? head : null;
}

/** A made-up name: inner capitals ('RoBERTa', 'mALBERT', 'XDoc'), letters with digits, or accented letters. */
function isCoined(word: string): boolean {
  const letters = word.replace(/[^\p{L}\p{N}]/gu, '');
  if (!/\p{L}/u.test(letters)) return false;
  if (/[^a-zA-Z0-9]/.test(letters) || /\d/.test(letters)) return true;
  // Per hyphen part, so a title-cased compound ('Pre-Training') is not taken for a name.
  return word.split('-').some((part) => /[a-z][A-Z]|[A-Z]{2}[a-z]/.test(part));
}

/** A name with a version ('ERNIE 3.0', 'ZEN 2.0'): the number makes a name of a plain word. */
const VERSIONED = /^\S+ v?\d+(?:\.\d+)*$/i;

/**
 * The matching key of each title's head when that head is distinctive enough to name its paper
 * alone, else '' (same order as `titles`). A head shared with another title, equal to another
 * whole title, or opening another title word for word is dropped: it names neither.
 */
export function distinctiveHeadKeys(titles: readonly string[]): string[] {
  const tokens = titles.map((title) => wordTokens(title));
  const df = new Map<string, number>();
  for (const words of tokens) for (const word of new Set(words)) df.set(word, (df.get(word) ?? 0) + 1);
  const idf = (word: string) => Math.log(titles.length / (df.get(word) ?? 1));

  const headTexts = titles.map((title) => (title.includes(':') ? titleHead(title) : null));
  const headWords = headTexts.map((head) => (head === null ? [] : wordTokens(head)));
  const heads = headTexts.map((head, i) => {
    if (head === null) return '';
    const words = headWords[i]!;
    if (words.length === 1) return isCoined(head) && matchKey(head).length >= MIN_COINED_KEY ? matchKey(head) : '';
    const content = words.filter((word) => !STOPWORDS.has(word) && !/^\d+$/.test(word));
    const information = content.reduce((sum, word) => sum + idf(word), 0);
    const ownWord = content.some((word) => df.get(word) === 1);
    const coinedWord = head.split(/\s+/).some((word) => wordTokens(word).length === 1 && isCoined(word));
    const named =
      coinedWord ||
      VERSIONED.test(head) ||
      (ownWord && information >= MIN_PHRASE_INFORMATION) ||
      information >= MIN_LONG_INFORMATION;
    return named ? matchKey(head) : '';
  });

  const fullKeys = new Set(titles.map((title) => matchKey(title)));
  const headCount = new Map<string, number>();
  for (const key of heads) if (key) headCount.set(key, (headCount.get(key) ?? 0) + 1);
  // How many titles open with each head's words (its own title is one of them).
  const opening = new Map<string, number>();
  heads.forEach((key, i) => key && opening.set(headWords[i]!.join(' '), 0));
  for (const words of opening.size > 0 ? tokens : []) {
    let prefix = '';
    for (const word of words) {
      prefix = prefix ? `${prefix} ${word}` : word;
      const seen = opening.get(prefix);
      if (seen !== undefined) opening.set(prefix, seen + 1);
    }
  }
  return heads.map((key, i) => {
    if (!key || headCount.get(key)! > 1 || fullKeys.has(key)) return '';
    return opening.get(headWords[i]!.join(' '))! > 1 ? '' : key;
  });
}
