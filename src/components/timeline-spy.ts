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
   * Where the page was when it began: a scroll that ends there has not moved toward the target
   * (WebKit may deliver a scroll event from before the jump after it has begun).
   */
  from: number;
  /**
   * Where the target sat on screen once the browser had scrolled it into place. Moving it from
   * there is the reader's doing, whatever moved the page (the scrollbar sends no wheel, key or
   * touch event), while the browser's scroll anchoring keeps it in place as images load.
   */
  landedAt?: number;
}

/** How far the reader must move a target that has landed before the jump ends, in CSS pixels. */
const MOVED = 48;

/**
 * Whether the page is where the browser's own scroll to this target ends: the target at the
 * top (less its scroll margin), or as near as the page's length allows. The browser may make
 * that scroll well after the page has loaded, so a jump lands when it gets there, not after
 * a wait.
 */
function inPlace(target: HTMLElement): boolean {
  const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
  const wanted = Math.min(Math.max(scrollY + target.getBoundingClientRect().top - margin, 0), scrollEnd());
  return Math.abs(scrollY - wanted) <= 2;
}

/** How far down the page can scroll. */
function scrollEnd(): number {
  const root = document.documentElement;
  return root.scrollHeight - root.clientHeight;
}

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
      const jump = this.#jump;
      // A scroll that ended short of the target, or left it out of sight, was the reader's; one
      // that left the page where the jump began (WebKit ends a scroll by a pause, and may do so
      // just after a jump began) says nothing of it.
      if (jump && jump.landedAt === undefined && scrollY !== jump.from && !this.#land(jump))
        this.#jump = null;
      if (jump && jump.target.getBoundingClientRect().top > innerHeight) this.#jump = null;
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
        } else if (jump) this.#land(jump);
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
    this.#jump = target ? { target, section: section?.id ?? null, from: scrollY } : null;
    // A target already in place (or a fragment the browser scrolled to before this script ran)
    // moves nothing, so no scroll event will land it.
    if (this.#jump) this.#land(this.#jump);
    this.#schedule();
  }

  /** Lands the jump if the browser has scrolled its target into place; says whether it has. */
  #land(jump: Jump): boolean {
    if (inPlace(jump.target)) jump.landedAt = jump.target.getBoundingClientRect().top;
    return jump.landedAt !== undefined;
  }

  #schedule() {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#update());
  }

  /**
   * The section whose top has passed a line a third of the way down. Over the last screen of
   * scrolling the line slides down to the bottom of the viewport, so every section, however
   * short and near the end, passes it before the page ends. Past the end of the last section
   * (in the who's who, glossary or sources) no section is current.
   */
  #sectionInView(): string | null {
    const end = scrollEnd();
    const screen = Math.min(innerHeight, end);
    const slid = screen > 0 ? Math.max(0, 1 - (end - scrollY) / screen) : 0;
    const line = (innerHeight / 3) * (1 + 2 * slid);
    const last = this.#sections.at(-1);
    let current: HTMLElement | null = null;
    for (const section of this.#sections) {
      if (section.getBoundingClientRect().top <= line) current = section;
    }
    if (current === last && current.getBoundingClientRect().bottom < line) return null;
    return current?.id ?? null;
  }

  #update() {
    // Scrolled on past the place jumped to (the jump itself never leaves it above the viewport;
    // before it lands, the browser may still be on its way up to it).
    const jump = this.#jump;
    if (jump?.landedAt !== undefined && jump.target.getBoundingClientRect().top < -2) this.#jump = null;
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

  /**
   * Scrolls the sticky sidebar (not the page) so the highlighted event is in view, unless the
   * keyboard is in the timeline: then the focused event is the one to keep in view.
   */
  #revealInSidebar(link: HTMLAnchorElement | undefined) {
    const box = this.querySelector<HTMLElement>('[data-timeline-scroll]');
    // (In a box that does not scroll, every event is already in view.)
    if (!link || !box || this.contains(document.activeElement)) return;
    const top = link.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    const visible = top >= box.scrollTop && top + link.offsetHeight <= box.scrollTop + box.clientHeight;
    if (!visible) box.scrollTop = top - box.clientHeight / 3;
  }
}

customElements.define('timeline-spy', TimelineSpy);
