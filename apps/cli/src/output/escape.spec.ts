import { escapeHtml, escapeMarkdown } from './escape';

describe('escapeHtml', () => {
  it('turns markup characters into entities', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;');
  });

  it('leaves other text, accents included, as it is', () => {
    expect(escapeHtml('Zoë Ångström, Head of Product')).toBe('Zoë Ångström, Head of Product');
  });
});

describe('escapeMarkdown', () => {
  it('escapes what Markdown could read as emphasis, links, html, entities or table cells', () => {
    expect(escapeMarkdown('*bold* _it_ [a](b) <b> &amp; x | y `c` ~s~ \\')).toBe('\\*bold\\* \\_it\\_ \\[a\\](b) \\<b\\> \\&amp; x \\| y \\`c\\` \\~s\\~ \\\\');
  });

  it('leaves sentence punctuation alone', () => {
    expect(escapeMarkdown('A small organization doesn’t need both. It’ll have one (or two)!')).toBe(
      'A small organization doesn’t need both. It’ll have one (or two)!',
    );
  });

  it('keeps a text on one line', () => {
    expect(escapeMarkdown('one\n\ntwo\r\n three')).toBe('one two three');
  });
});
