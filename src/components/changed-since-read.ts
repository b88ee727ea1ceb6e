/**
 * <changed-since-read data-explainer="story">: remembers on this device which version of each
 * section on the page the reader has seen (the date of its newest logged change, from the
 * section's data-modified), and on a later visit marks the sections changed since, with a line
 * listing them. The memory is localStorage: no cookie, never sent with a request. On a first
 * visit, without storage or without JavaScript, the change log at the end says the same.
 */
const PREFIX = 'explainers:seen:';

function remembered(key: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? '{}');
    return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {};
  } catch {
    return {}; // Storage off, full or edited by hand: read as a first visit.
  }
}

class ChangedSinceRead extends HTMLElement {
  connectedCallback() {
    const key = PREFIX + (this.dataset.explainer ?? '');
    const seen = remembered(key);
    const sections = [...document.querySelectorAll<HTMLElement>('[data-story-section][data-modified]')];
    const list = this.querySelector('[data-changed-list]');
    for (const section of sections) {
      const before = seen[section.id];
      if (typeof before === 'string' && before < (section.dataset.modified ?? '')) {
        section.dataset.changedSinceRead = '';
        const link = document.createElement('a');
        link.href = `#${section.id}`;
        link.textContent = section.querySelector('h2')?.textContent?.trim() ?? section.id;
        list?.append(...(list.childElementCount > 0 ? [', ', link] : [link]));
      }
      seen[section.id] = section.dataset.modified ?? '';
    }
    if (list?.childElementCount) this.hidden = false;
    try {
      localStorage.setItem(key, JSON.stringify(seen));
    } catch {
      // Nothing to do: the next visit reads as a first one.
    }
  }
}

customElements.define('changed-since-read', ChangedSinceRead);
