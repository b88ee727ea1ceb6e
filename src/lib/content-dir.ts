/**
 * Where the explainers live. CONTENT_DIR overrides it, which the tests use to build broken
 * fixtures; every explainer is one folder here, and the folder name is its id and URL path.
 */
export const CONTENT_DIR = process.env.CONTENT_DIR ?? './content/explainers';
