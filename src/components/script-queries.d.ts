// ExplainerScripts imports the story scripts with a "?explainer" query (see why there); the
// modules still run only for their effects, so they export nothing TypeScript needs to know.
declare module '*?explainer';
