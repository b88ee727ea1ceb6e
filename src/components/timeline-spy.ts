/**
 * <timeline-spy> marks the timeline events of the section being read with aria-current and
 * keeps the address bar on that section with history.replaceState (never pushState, so Back
 * still leaves the page). Reading and the links work without it.
 */

/** A place the reader jumped to (a fragment on arrival, or a click), and its section. */
interface Jump {
  target: HTMLElement;
  section: string | null;
  /**
   * Where the target sat on screen once the browser's own scroll to it ended. Moving it from
   * there is the reader's doing, whatever moved the page (the scrollbar sends no wheel, key or
   * touch event), while the browser's scroll anchoring keeps it in place as images load.
   */
  landedAt?: number;
  /** The page has moved since the jump (the browser scrolling to the target). */
  scrolled: boolean;
}

/** How far the reader must move a target that has landed before the jump ends, in CSS pixels. */
const MOVED = 48;

/** The id a URL's fragment names; a malformed one ("#%") names nothing rather than throwing. */
function fragmentId(url: string): string {
  const hash = new URL(url).hash.slice(1);
  try {
    return decodeURIComponent(hash);
  } catch {
    return '';
  }
}

class TimelineSpy extends HTMLElement {
  #sections: HTMLElement[] = [];
  #links: HTMLAnchorElement[] = [];
  #current: string | null = null;
  /**
   * While the reader stays where they jumped, its section is current and the address bar is
   * left alone: near the end of the page the browser cannot bring the target to the top, so
   * the reading position alone would name the wrong section, and rewriting the fragment before
   * the browser has scrolled to it would lose the jump.
   */
  #jump: Jump | null = null;
  #frame = 0;

  connectedCallback() {
    this.#sections = [...document.querySelectorAll<HTMLElement>('section[data-story-section]')];
    this.#links = [...this.querySelectorAll<HTMLAnchorElement>('a[data-section]')];
    const jumpToHash = (url: string) => this.#jumpTo(fragmentId(url));
    jumpToHash(location.href);
    // The event's own URL: by the time it fires, a scroll may already have replaced location.
    addEventListener('hashchange', (event) => jumpToHash(event.newURL));
    // Any link within the page (timeline, footnote, who's who, glossary) is a jump from the
    // moment it is clicked, before the browser starts scrolling.
    document.addEventListener('click', (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (link instanceof HTMLAnchorElement && link.hash && link.pathname === location.pathname) {
        jumpToHash(link.href);
      }
    });
    // Scrolling by hand ends a jump, and so does any scroll that leaves its target out of sight.
    for (const type of ['wheel', 'touchstart', 'keydown'] as const) {
      addEventListener(type, () => (this.#jump = null), { passive: true });
    }
    const scrollEnded = () => {
      if (this.#jump && this.#jump.target.getBoundingClientRect().top > innerHeight) this.#jump = null;
      if (this.#jump) this.#jump.landedAt ??= this.#jump.target.getBoundingClientRect().top;
      this.#schedule();
    };
    // WebKit has no scrollend: there, a scroll followed by a pause ends the same way.
    const scrollendMissing = !('onscrollend' in window);
    let pause = 0;
    addEventListener('scrollend', scrollEnded);
    addEventListener(
      'scroll',
      () => {
        const jump = this.#jump;
        if (jump?.landedAt !== undefined) {
          if (Math.abs(jump.target.getBoundingClientRect().top - jump.landedAt) > MOVED) this.#jump = null;
        } else if (jump) jump.scrolled = true;
        this.#schedule();
        if (scrollendMissing) {
          clearTimeout(pause);
          pause = window.setTimeout(scrollEnded, 150);
        }
      },
      { passive: true },
    );
    addEventListener('resize', () => this.#schedule());
    this.#update();
  }

  #jumpTo(id: string) {
    const target = id ? document.getElementById(id) : null;
    const section = target?.closest<HTMLElement>('section[data-story-section]');
    const jump: Jump | null = target ? { target, section: section?.id ?? null, scrolled: false } : null;
    this.#jump = jump;
    // A target already where the browser would scroll it (or a fragment the browser scrolled to
    // before this script ran) moves nothing, so no scroll ends: the jump has landed as it is.
    setTimeout(() => {
      if (jump && this.#jump === jump && !jump.scrolled) jump.landedAt = target!.getBoundingClientRect().top;
    }, 150);
    this.#schedule();
  }

  #schedule() {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#update());
  }

  /**
   * The section whose top has passed a line a third of the way down. Past the end of the last
   * section (in the who's who, glossary or sources) no section is current. At the bottom of
   * the page a last section too short to reach the line is current while it is in view.
   */
  #sectionInView(): string | null {
    const line = innerHeight / 3;
    const last = this.#sections.at(-1);
    const atBottom = scrollY > 0 && innerHeight + scrollY >= document.documentElement.scrollHeight - 2;
    if (atBottom && last && last.getBoundingClientRect().bottom > line) return last.id;
    let current: HTMLElement | null = null;
    for (const section of this.#sections) {
      if (section.getBoundingClientRect().top <= line) current = section;
    }
    if (current === last && current && current.getBoundingClientRect().bottom < line) return null;
    return current?.id ?? null;
  }

  #update() {
    // Scrolled on past the place jumped to (the jump itself never leaves it above the viewport).
    if (this.#jump && this.#jump.target.getBoundingClientRect().top < -2) this.#jump = null;
    const current = this.#jump ? this.#jump.section : this.#sectionInView();
    if (current === this.#current) return;
    this.#current = current;
    for (const link of this.#links) {
      if (link.dataset.section === current) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
    if (!this.#jump) {
      history.replaceState(history.state, '', current ? `#${current}` : location.pathname + location.search);
    }
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
}

customElements.define('timeline-spy', TimelineSpy);
