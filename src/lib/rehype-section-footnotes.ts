import type { Element, Root, RootContent } from 'hast';

/**
 * remark-gfm numbers footnotes from 1 in every file, so seven sections on one page would all
 * produce `user-content-fn-1` and `footnote-label`. This rehype plugin prefixes those ids, and
 * the links and aria-describedby that point at them, with the section's slug.
 */
const FOOTNOTE_ID = /^(?:user-content-)?(fn-.+|fnref-.+|footnote-label)$/;

function scope(value: string, slug: string): string {
  const match = FOOTNOTE_ID.exec(value);
  return match ? `${slug}-${match[1]}` : value;
}

function walk(node: Root | RootContent, visit: (element: Element) => void): void {
  if (node.type === 'element') visit(node);
  if ('children' in node) for (const child of node.children) walk(child, visit);
}

interface FileWithFrontmatter {
  data: { astro?: { frontmatter?: { slug?: unknown } } };
  path?: string;
}

export function rehypeSectionFootnotes() {
  return (tree: Root, file: FileWithFrontmatter) => {
    const slug = file.data.astro?.frontmatter?.slug;
    // Without a slug the schema rejects the file anyway; leave the ids alone.
    if (typeof slug !== 'string') return;
    walk(tree, (element) => {
      const props = element.properties;
      if (typeof props.id === 'string') props.id = scope(props.id, slug);
      if (typeof props.href === 'string' && props.href.startsWith('#')) {
        props.href = `#${scope(props.href.slice(1), slug)}`;
      }
      const describedBy = props.ariaDescribedBy;
      if (Array.isArray(describedBy)) {
        props.ariaDescribedBy = describedBy.map((id) => scope(String(id), slug));
      }
    });
  };
}
