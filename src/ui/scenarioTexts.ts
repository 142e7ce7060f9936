// The shipped scenario files' texts, by path. Imported dynamically by scenarios.ts so that they
// form one chunk of their own, fetched beside the main chunk rather than inside it.
export const scenarioTexts = import.meta.glob('/scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
