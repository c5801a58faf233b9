// Text from the stores (names, titles, messages, cited passages) put into a document a person
// opens: it must read as text, never as markup. (escape-html would do the HTML part; it is only a
// transitive dependency here, and package.json is not this change's to edit.)

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in HTML element content and in quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML[c]!);

/**
 * Text that Markdown (CommonMark, GFM) shows as written, inside a line the report starts itself
 * (so list and heading markers cannot arise): inline markup characters are backslash-escaped, line
 * breaks become spaces.
 */
export const escapeMarkdown = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
