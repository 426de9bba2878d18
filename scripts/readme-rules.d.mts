// Types for the README rule-list generator.
/** Renders the rule tables, one per guide area. */
export function renderRules(rules: unknown[]): string;
/** Replaces the generated block inside the README text. */
export function updateReadme(readme: string, rules: unknown[]): string;
