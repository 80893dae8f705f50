import { CATALOGUES, duplicateKeys } from './catalogues';
import { LANGUAGES } from './languages';

describe('the web application’s catalogues', () => {
  it('give no key twice across the core and the features', () => {
    expect(duplicateKeys()).toEqual([]);
  });

  it('give every key a text in every language, with the same {placeholders} as English', () => {
    const missing: string[] = [];
    for (const [key, english] of Object.entries(CATALOGUES.en)) {
      const placeholders = (english.match(/\{\w+\}/g) ?? []).sort().join();
      for (const language of LANGUAGES) {
        const text = CATALOGUES[language][key as keyof typeof CATALOGUES.en];
        if (!text?.trim()) missing.push(`${language}: ${key}`);
        else if ((text.match(/\{\w+\}/g) ?? []).sort().join() !== placeholders) missing.push(`${language}: ${key} placeholders`);
      }
    }
    expect(missing).toEqual([]);
  });
});
