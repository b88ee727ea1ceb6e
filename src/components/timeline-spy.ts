/**
 * <timeline-spy> marks the timeline events of the section being read with aria-current and
 * keeps the address bar on that section with history.replaceState (never pushState, so Back
 * still leaves the page). Reading and the links work without it.
 */
class TimelineSpy extends HTMLElement {
  #sections: HTMLElement[] = [];
  #links: HTMLAnchorElement[] = [];
  #current: string | null = null;
  /** A section the reader jumped to (fragment or click) stays current until they scroll on. */
  #pinned: string | null = null;
  #frame = 0;

  connectedCallback() {
    this.#sections = [...document.querySelectorAll<HTMLElement>('section[data-story-section]')];
    this.#links = [...this.querySelectorAll<HTMLAnchorElement>('a[data-section]')];
    this.#pin(decodeURIComponent(location.hash.slice(1)));

    for (const link of this.#links) {
      link.addEventListener('click', () => this.#pin(link.dataset.section ?? ''));
    }
    addEventListener('hashchange', () => this.#pin(decodeURIComponent(location.hash.slice(1))));
    addEventListener('scroll', () => this.#schedule(), { passive: true });
    // Scrolling by hand releases a section the reader jumped to, and so does any scroll that
    // ends with that section out of sight.
    for (const type of ['wheel', 'touchstart', 'keydown'] as const) {
      addEventListener(type, () => (this.#pinned = null), { passive: true });
    }
    addEventListener('scrollend', () => {
      const top = this.#pinned
        ? document.getElementById(this.#pinned)?.getBoundingClientRect().top
        : undefined;
      if (top !== undefined && top > innerHeight) this.#pin('');
    });
    addEventListener('resize', () => this.#schedule());
    addEventListener('load', () => this.#schedule());
    this.#update();
    this.#openOnWideScreensWithoutCss();
  }

  #pin(slug: string) {
    this.#pinned = this.#sections.some((s) => s.id === slug) ? slug : null;
    this.#schedule();
  }

  #schedule() {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#update());
  }

  /** The section whose top has passed a line a third of the way down, or the last at the bottom. */
  #sectionInView(): string | null {
    const line = innerHeight / 3;
    const atBottom = scrollY > 0 && innerHeight + scrollY >= document.documentElement.scrollHeight - 2;
    if (atBottom) return this.#sections.at(-1)?.id ?? null;
    let current: string | null = null;
    for (const section of this.#sections) {
      if (section.getBoundingClientRect().top <= line) current = section.id;
    }
    return current;
  }

  #update() {
    if (this.#pinned) {
      // Scrolled past it (the jump itself never leaves the heading above the viewport).
      const top = document.getElementById(this.#pinned)?.getBoundingClientRect().top ?? -1;
      if (top < -2) this.#pinned = null;
    }
    const current = this.#pinned ?? this.#sectionInView();
    if (current === this.#current) return;
    this.#current = current;
    for (const link of this.#links) {
      if (link.dataset.section === current) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
    const url = current ? `#${current}` : location.pathname + location.search;
    history.replaceState(history.state, '', url);
    this.#revealInSidebar(this.#links.find((link) => link.dataset.section === current));
  }

  /** Scrolls the sticky sidebar (not the page) so the highlighted event is in view. */
  #revealInSidebar(link: HTMLAnchorElement | undefined) {
    const box = this.querySelector<HTMLElement>('[data-timeline-scroll]');
    if (!link || !box || box.scrollHeight <= box.clientHeight) return;
    const top = link.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    const visible = top >= box.scrollTop && top + link.offsetHeight <= box.scrollTop + box.clientHeight;
    if (!visible) box.scrollTop = top - box.clientHeight / 3;
  }

  /** Browsers without ::details-content cannot show a closed <details> by CSS alone. */
  #openOnWideScreensWithoutCss() {
    if (CSS.supports('selector(::details-content)')) return;
    const details = this.querySelector('details');
    const wide = matchMedia('(min-width: 64rem)');
    if (!details) return;
    const sync = () => (details.open = wide.matches);
    wide.addEventListener('change', sync);
    sync();
  }
}

customElements.define('timeline-spy', TimelineSpy);
