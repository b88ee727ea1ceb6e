import { describe, expect, it } from 'vitest';
import { resolveContentLink } from '../src/lib/urls';

const sections = [
  { slug: 'first', oldSlugs: ['old-first'] },
  { slug: 'second', oldSlugs: [] },
];

describe('resolveContentLink', () => {
  it('keeps in-page links on the explainer page', () => {
    const here = { explainer: 'story', sections, onExplainerPage: true };
    expect(
      ['#second', '#who-a', '#first-fn-1', 'https://example.org/'].map((href) =>
        resolveContentLink(href, here),
      ),
    ).toEqual(['#second', '#who-a', '#first-fn-1', 'https://example.org/']);
  });

  it('sends section links to the section’s own page, and list entries to the explainer page, from a section page', () => {
    const here = { explainer: 'story', sections, onExplainerPage: false };
    expect(resolveContentLink('#second', here)).toBe('/story/second/');
    expect(resolveContentLink('#old-first', here)).toBe('/story/first/');
    expect(resolveContentLink('#term-doha', here)).toBe('/story/#term-doha');
    // Footnote marks and their notes are on the section page too.
    expect(resolveContentLink('#second-fn-1', here)).toBe('#second-fn-1');
  });

  it('leaves site paths to other explainers as written (the base path is added where the site has one)', () => {
    const here = { explainer: 'story', sections, onExplainerPage: false };
    expect(resolveContentLink('/other/#part', here)).toBe('/other/#part');
    expect(resolveContentLink('/other/part/', here)).toBe('/other/part/');
  });
});
