/**
 * <copy-link data-href="#slug">: reveals its button and copies the section's absolute URL.
 * Without JavaScript the button stays hidden and the heading's own link does the job.
 */
class CopyLink extends HTMLElement {
  #timer: number | undefined;

  connectedCallback() {
    const button = this.querySelector('button');
    const status = this.querySelector('[role="status"]');
    if (!button || !status || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', async () => {
      const url = new URL(this.dataset.href ?? '', location.href).href;
      try {
        await navigator.clipboard.writeText(url);
        status.textContent = 'Link copied';
      } catch {
        status.textContent = `Copy this link: ${url}`;
      }
      window.clearTimeout(this.#timer);
      this.#timer = window.setTimeout(() => (status.textContent = ''), 5000);
    });
  }
}

customElements.define('copy-link', CopyLink);
