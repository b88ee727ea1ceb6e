/**
 * <search-page data-index="/pagefind/">: the search page's results. Reads ?q= (the header's
 * search box sends it) and searches as the reader types, with Pagefind's own API (pagefind.js,
 * loaded from the index folder only here) and markup of the site's own: Pagefind's ready-made
 * interface would add about 140 KB of script and style of another look. Each result is one
 * section, explainer, person or term, linking to its own page or anchor, with Pagefind's excerpt.
 * Without JavaScript, or if the index cannot load, the page's list of every explainer remains.
 */

/** What Pagefind gives for one result (pagefind.js, version 1.6). */
interface ResultData {
  url: string;
  excerpt: string;
  meta: { title?: string; kind?: string; explainer?: string };
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(query: string): Promise<{ results: { data(): Promise<ResultData> }[] } | null>;
}

/** Results drawn at a time: each costs the fetch of its fragment. */
const PAGE_SIZE = 10;
/** Typing pauses this long before a search starts. */
const TYPING_MS = 200;

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = '') => {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = text;
  return el;
};

/**
 * Pagefind's excerpt is HTML: the page's text with the matched words in <mark>. It is rebuilt
 * from text nodes and <mark> alone, so nothing else in it can ever become markup.
 */
function excerpt(html: string): HTMLParagraphElement {
  const paragraph = element('p', 'mt-1 text-lg');
  const parsed = new DOMParser().parseFromString(html, 'text/html').body;
  for (const node of parsed.childNodes) {
    if (node.nodeName === 'MARK')
      paragraph.append(element('mark', 'bg-later text-ink', node.textContent ?? ''));
    else paragraph.append(node.textContent ?? '');
  }
  return paragraph;
}

function resultItem({ url, excerpt: text, meta }: ResultData): HTMLLIElement {
  const item = element('li', '');
  const kind = meta.kind ?? 'Section';
  const where = kind === 'Explainer' || !meta.explainer ? kind : `${kind} · ${meta.explainer}`;
  item.append(element('p', 'font-sans text-sm text-muted', where));
  const heading = element('h3', 'text-xl leading-tight font-bold');
  const link = element('a', '', meta.title ?? url);
  link.href = url;
  heading.append(link);
  item.append(heading, excerpt(text));
  return item;
}

class SearchPage extends HTMLElement {
  #pagefind: Promise<Pagefind> | undefined;
  #results: { data(): Promise<ResultData> }[] = [];
  #shown = 0;
  /** The latest search started: an older one finishing late draws nothing. */
  #latest = 0;
  #timer: number | undefined;

  #part = <T extends HTMLElement>(name: string) => this.querySelector<T>(`[data-search-${name}]`)!;

  connectedCallback() {
    const form = this.querySelector('form')!;
    const input = this.#part<HTMLInputElement>('input');
    const query = new URLSearchParams(location.search).get('q') ?? '';
    input.value = query;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(this.#timer);
      void this.#search(input.value);
    });
    input.addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = window.setTimeout(() => void this.#search(input.value), TYPING_MS);
    });
    this.#part('more').addEventListener('click', () => void this.#more(this.#latest, true));
    if (query.trim()) void this.#search(query, true);
  }

  #load(): Promise<Pagefind> {
    this.#pagefind ??= (async () => {
      const pagefind = (await import(/* @vite-ignore */ `${this.dataset.index}pagefind.js`)) as Pagefind;
      await pagefind.options({ excerptLength: 30 });
      await pagefind.init();
      return pagefind;
    })();
    return this.#pagefind;
  }

  /** Searches for `raw`; `arriving`: the query came in the address, from another page's box. */
  async #search(raw: string, arriving = false) {
    const query = raw.trim();
    const run = ++this.#latest;
    const started = performance.now();
    const status = this.#part('status');
    const results = this.#part('results');
    // The address keeps the query, so the results can be shared, bookmarked and reloaded.
    const address = new URL(location.href);
    if (query) address.searchParams.set('q', query);
    else address.searchParams.delete('q');
    history.replaceState(history.state, '', address);
    this.dataset.state = 'searching';
    if (!query) {
      status.textContent = '';
      results.hidden = true;
      this.dataset.state = 'done';
      return;
    }
    status.textContent = 'Searching…';
    try {
      const search = await (await this.#load()).search(query);
      if (run !== this.#latest || !search) return;
      // What the benchmark reads (bench/search-scale.ts): Pagefind's search, then the results drawn.
      performance.measure('search-found', { start: started });
      this.#results = search.results;
      this.#shown = 0;
      this.#part('list').replaceChildren();
      await this.#more(run, false);
      if (run !== this.#latest) return;
      const count = this.#results.length;
      status.textContent = count
        ? `${count} ${count === 1 ? 'result' : 'results'} for “${query}”`
        : `Nothing found for “${query}”. Try another spelling, or one of the explainers below.`;
      results.hidden = count === 0;
      performance.measure('search', { start: started });
      this.dataset.state = 'done';
      // Arriving from another page's box, a keyboard reader goes on from the results.
      if (arriving && count && document.activeElement === document.body) {
        this.#part('results-title').focus();
      }
    } catch {
      if (run !== this.#latest) return;
      status.textContent = 'The search could not load. Every explainer is listed below.';
      this.dataset.state = 'failed';
    }
  }

  /** Draws the next results; `focus` moves to the first of them (the "More results" button's). */
  async #more(run: number, focus: boolean) {
    const next = await Promise.all(
      this.#results.slice(this.#shown, this.#shown + PAGE_SIZE).map((result) => result.data()),
    );
    if (run !== this.#latest) return;
    const items = next.map(resultItem);
    this.#part('list').append(...items);
    this.#shown += next.length;
    this.#part('more').hidden = this.#shown >= this.#results.length;
    if (focus) items[0]?.querySelector('a')?.focus();
  }
}

customElements.define('search-page', SearchPage);
