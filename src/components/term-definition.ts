/**
 * Puts an open glossary definition above its term when there is no room for it below. CSS
 * places it below the term (global.css, .term-definition); position-try fallbacks would flip it,
 * but WebKit resolves them against the unscrolled page, so the choice is made here, in the
 * frame the definition opens, before it is painted. Without JavaScript it opens below.
 */
const GAP = 6;

document.addEventListener(
  'beforetoggle',
  (event) => {
    const definition = event.target;
    if (!(definition instanceof HTMLElement) || !definition.matches('.term-definition')) return;
    if ((event as ToggleEvent).newState !== 'open' || !CSS.supports('top: anchor(bottom)')) return;
    delete definition.dataset.place;
    requestAnimationFrame(() => {
      const term = document.querySelector(`[popovertarget="${definition.id}"]`);
      if (!term) return;
      const box = definition.getBoundingClientRect();
      const word = term.getBoundingClientRect();
      const viewport = document.documentElement.clientHeight;
      const roomBelow = viewport - word.bottom - GAP;
      const roomAbove = word.top - GAP;
      if (box.height > roomBelow && (box.height <= roomAbove || roomAbove > roomBelow)) {
        definition.dataset.place = 'above';
      }
    });
  },
  true,
);
