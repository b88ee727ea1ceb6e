/**
 * <copy-link data-path="/story/section/">: swaps its plain "Share this section" link for a
 * Copy link button (and a Share button where the system share sheet exists) that hand out the
 * section's own page, which unfurls as the section. Without JavaScript the link remains.
 */
class CopyLink extends HTMLElement {
  #timer: number | undefined;

  connectedCallback() {
    const fallback = this.querySelector<HTMLElement>('[data-fallback]');
    const copy = this.querySelector<HTMLButtonElement>('[data-copy]');
    const share = this.querySelector<HTMLButtonElement>('[data-share]');
    const url = new URL(this.dataset.path ?? '', location.href).href;
    if (copy && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener('click', () => this.#copy(url));
    }
    if (share && typeof navigator.share === 'function') {
      share.hidden = false;
      share.addEventListener('click', () => this.#share(url));
    }
    if (fallback && !(copy?.hidden && share?.hidden)) fallback.hidden = true;
  }

  async #copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      this.#say('Link copied');
    } catch {
      this.#say(`Copy this link: ${url}`);
    }
  }

  async #share(url: string) {
    try {
      await navigator.share({ title: this.dataset.title, text: this.dataset.text, url });
    } catch (error) {
      // The reader closing the share sheet is not a failure worth announcing.
      if ((error as DOMException).name !== 'AbortError') this.#say(`Copy this link: ${url}`);
    }
  }

  /** Shows and announces (role="status") a short confirmation, then clears it. */
  #say(message: string) {
    const status = this.querySelector('[role="status"]');
    if (!status) return;
    status.textContent = message;
    window.clearTimeout(this.#timer);
    this.#timer = window.setTimeout(() => (status.textContent = ''), 5000);
  }
}

customElements.define('copy-link', CopyLink);
