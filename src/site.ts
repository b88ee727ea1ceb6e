/** Site-wide names, kept in one place. */
export const SITE_NAME = 'Explainers';
export const SITE_DESCRIPTION = 'Background to the news, one clear story at a time.';
